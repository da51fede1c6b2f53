import { createHmac, randomBytes } from "node:crypto";

// 抽選: who gets the seats of an oversubscribed 回. Priority groups first (in the order
// 人材育成課 set on the course), then a fair random order inside each group. The order is
// a pure function of the 応募, the priorities and a recorded seed, so a draw can be
// reproduced and audited. Pure: no DB, no clock.

/** The criteria a course may rank 応募 by, in the order it lists them. */
export const LOTTERY_PRIORITIES = {
  elective_unmet: "今年度の選択科目の必要数にまだ達していない人",
  first_time: "この研修を過去の年度に受講していない人",
} as const;
export type LotteryPriority = keyof typeof LOTTERY_PRIORITIES;

export function isLotteryPriority(key: string): key is LotteryPriority {
  return Object.hasOwn(LOTTERY_PRIORITIES, key);
}

export type DrawEntry = {
  enrollmentId: number;
  /** Approved (or needs no approval before the draw): only these can be drawn for a seat. */
  drawable: boolean;
  /** Which priority criteria the person meets. */
  meets: ReadonlySet<LotteryPriority>;
};

export type DrawnEntry = {
  enrollmentId: number;
  /** 1 = the first priority group; priorities.length + 1 = meets none; + 2 = not drawable. */
  group: number;
  /** 1-based place in the drawn order. */
  rank: number;
  seated: boolean;
};

/** A fresh seed for a draw (recorded with it). */
export function newDrawSeed(): string {
  return randomBytes(16).toString("hex");
}

/**
 * A person's group: the first listed criterion they meet (1-based), else the group after
 * the last criterion. An 応募 that cannot be drawn comes after everyone.
 */
export function drawGroup(entry: DrawEntry, priorities: readonly LotteryPriority[]): number {
  if (!entry.drawable) return priorities.length + 2;
  const i = priorities.findIndex((p) => entry.meets.has(p));
  return i === -1 ? priorities.length + 1 : i + 1;
}

/**
 * The random key of an 応募 under a seed: HMAC-SHA256(seed, id). Keys of different ids are
 * independent and uniform, so sorting by them is a uniform shuffle — and it does not
 * depend on the order the 応募 are listed in.
 */
function drawKey(seed: string, enrollmentId: number): string {
  return createHmac("sha256", seed).update(String(enrollmentId)).digest("hex");
}

/**
 * The drawn order: by group, then by the seed's random key (ties, which need a hash
 * collision, by id). The first `seats` drawable people are seated; the rest wait in order.
 */
export function drawOrder(entries: readonly DrawEntry[], priorities: readonly LotteryPriority[], seed: string, seats: number): DrawnEntry[] {
  const keyed = entries.map((e) => ({ e, group: drawGroup(e, priorities), key: drawKey(seed, e.enrollmentId) }));
  keyed.sort((a, b) => a.group - b.group || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.e.enrollmentId - b.e.enrollmentId));
  let left = Math.max(0, seats);
  return keyed.map((k, i) => {
    const seated = k.e.drawable && left > 0;
    if (seated) left--;
    return { enrollmentId: k.e.enrollmentId, group: k.group, rank: i + 1, seated };
  });
}

/** 「優先1（今年度の選択科目の必要数にまだ達していない人）」 for a group number. */
export function drawGroupLabel(group: number, priorities: readonly LotteryPriority[]): string {
  if (group <= priorities.length) return `優先${group}（${LOTTERY_PRIORITIES[priorities[group - 1]!]}）`;
  if (group === priorities.length + 1) return "優先なし";
  return "抽選までに所属長の承認がなかった応募";
}
