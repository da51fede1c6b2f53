/**
 * 人事課's list of a call's applicants: filtered, sorted and paged in SQL (state from the
 * URL through readTableState), and the same rows as the selection committee's CSV; and the
 * list of who is eligible but has not applied (eligibility is computed in code, so that one
 * is filtered, sorted and paged here after the rules ran). Who
 * applied is confidential (access.ts): both reads answer null to anyone but 人事課, and each
 * writes one audit line naming the applications shown — ids only, never a name.
 */
import { sql, type SQL } from "drizzle-orm";
import { epochMs, getDb, rows as rowsOf, sqlFor } from "~/db.server";
import { toCsv } from "~/lib/csv";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { auditAlone } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { RANKS } from "~/services/org/master-data";
import { orgPath } from "~/services/org/org.server";
import { UNIT_BUREAU_CTE } from "~/services/org/unit-bureau";
import { mayRunCalls } from "./access";
import { eligibleNotApplied, loadCall, type CallRow } from "./queries.server";
import { APPLICATION_STATUS_LABELS, HR_VISIBLE_STATUSES, RECOMMENDATION_LABELS, RESULT_LABELS, RESULT_OF_STATUS, RESULTS, type ApplicantResult, type ApplicationStatus } from "./transitions";

export const APPLICANT_SORTS = ["name", "bureau", "rank", "status", "stage", "result", "submittedAt"] as const;
export type ApplicantSort = (typeof APPLICANT_SORTS)[number];

// Constant SQL from the code's own lists (never user input), the same on both engines.
const RESULT_SQL = `CASE a.status ${Object.entries(RESULT_OF_STATUS).map(([s, r]) => `WHEN '${s}' THEN '${r}'`).join(" ")} END`;
const orderOf = (values: readonly string[], column: string) => `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(" ")} END`;
const HR_VISIBLE_SQL = sql.raw(HR_VISIBLE_STATUSES.map((s) => `'${s}'`).join(", "));

const SORT_SQL: Record<ApplicantSort, string> = {
  name: "e.kana",
  bureau: "b.code",
  rank: orderOf(RANKS, "a.applicant_rank"),
  status: orderOf(HR_VISIBLE_STATUSES, "a.status"),
  stage: "a.stage",
  // PostgreSQL takes an output alias in ORDER BY only bare, not inside an expression.
  result: orderOf(RESULTS, `(${RESULT_SQL})`),
  submittedAt: "a.submitted_at",
};

/**
 * The two person filters of the staff tables (as `pushPersonFilters` of org/unit-bureau, which
 * writes named parameters for better-sqlite3): a 局/区 over `unit_bureau bu` and part of a
 * name, kana or 職員番号 of `e`, LIKE-escaped. LIKE ignores ASCII case on SQLite; ILIKE does
 * so on PostgreSQL, so a 職員番号 typed in lower case matches on both.
 */
function personFilters(filters: { bureauId?: number; q?: string }): SQL[] {
  const where: SQL[] = [];
  if (filters.bureauId) where.push(sql`bu.bureau_id = ${filters.bureauId}`);
  if (filters.q) {
    const q = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = sqlFor({ sqlite: sql.raw("LIKE"), pg: sql.raw("ILIKE") });
    where.push(sql`(e.name ${like} ${q} ESCAPE '\\' OR e.kana ${like} ${q} ESCAPE '\\' OR e.staff_number ${like} ${q} ESCAPE '\\')`);
  }
  return where;
}

export type ApplicantQuery = {
  status?: string;
  /** Index into the call's stages, as text from the URL. */
  stage?: string;
  bureauId?: number;
  /** Part of a name, kana or 職員番号. */
  q?: string;
  sort: { id: ApplicantSort; desc: boolean };
  /** Omitted: every row (the CSV). */
  page?: { page: number; pageSize: number };
};

export type ApplicantRow = {
  id: string;
  name: string;
  kana: string;
  staffNumber: string;
  rank: string | null;
  bureau: string | null;
  unitPath: string;
  status: ApplicationStatus;
  stage: number;
  stageName: string;
  result: ApplicantResult | null;
  opinion: "recommend" | "not_recommend" | null;
  placement: string | null;
  submittedAt: number | null;
};

type RawRow = Omit<ApplicantRow, "unitPath" | "stageName" | "placement"> & { orgUnitId: number | null; placementUnitId: number | null; placementDuties: string | null };

async function select(call: CallRow, viewerId: string, query: ApplicantQuery) {
  // 人事課 never judges its own application (access.ts), so it is not listed to its author either.
  const where: SQL[] = [sql`a.call_id = ${call.id}`, sql`a.status IN (${HR_VISIBLE_SQL})`, sql`a.applicant_id <> ${viewerId}`];
  if (query.status && (HR_VISIBLE_STATUSES as readonly string[]).includes(query.status)) where.push(sql`a.status = ${query.status}`);
  if (query.stage && /^\d+$/.test(query.stage) && Number(query.stage) < call.stages.length) where.push(sql`a.stage = ${Number(query.stage)}`);
  where.push(...personFilters(query));
  const from = sql`FROM promotion_applications a
      JOIN employees e ON e.id = a.applicant_id
      LEFT JOIN promotion_opinions o ON o.application_id = a.id
      LEFT JOIN promotion_posts p ON p.id = a.placement_post_id
      LEFT JOIN unit_bureau bu ON bu.unit_id = a.applicant_org_unit_id
      LEFT JOIN org_units b ON b.id = bu.bureau_id
     WHERE ${sql.join(where, sql` AND `)}`;
  const db = getDb();
  const cte = sql.raw(UNIT_BUREAU_CTE);
  const [counted] = await rowsOf<{ n: number }>(db, sql`WITH RECURSIVE ${cte} SELECT count(*) AS n ${from}`);
  const limit = query.page ? sql`LIMIT ${query.page.pageSize} OFFSET ${(query.page.page - 1) * query.page.pageSize}` : sql``;
  // Quoted aliases: PostgreSQL folds unquoted ones to lower case.
  const raw = await rowsOf<RawRow>(
    db,
    sql`WITH RECURSIVE ${cte}
       SELECT a.id, e.name, e.kana, e.staff_number AS "staffNumber", a.applicant_rank AS rank, b.name AS bureau,
              a.applicant_org_unit_id AS "orgUnitId", a.status, a.stage, ${sql.raw(RESULT_SQL)} AS result,
              o.recommendation AS opinion, p.org_unit_id AS "placementUnitId", p.duties AS "placementDuties",
              ${epochMs(sql`a.submitted_at`)} AS "submittedAt"
       ${from}
       ORDER BY ${sql.raw(SORT_SQL[query.sort.id])} ${sql.raw(query.sort.desc ? "DESC" : "ASC")} NULLS LAST, e.kana, a.id
       ${limit}`,
  );
  const list: (ApplicantRow & { placementDuties: string | null })[] = [];
  for (const { orgUnitId, placementUnitId, ...r } of raw) {
    list.push({
      ...r,
      unitPath: (await orgPath(orgUnitId, db)) ?? "",
      stageName: r.status === "withdrawn" ? "" : (call.stages[r.stage] ?? ""),
      placement: placementUnitId === null ? null : await orgPath(placementUnitId, db),
    });
  }
  return { rows: list, total: counted?.n ?? 0 };
}

/** 局/区 that appear among a call's applicants (the filter's options). */
async function bureausOf(callId: number) {
  return rowsOf<{ id: number; name: string }>(
    getDb(),
    sql`WITH RECURSIVE ${sql.raw(UNIT_BUREAU_CTE)}
       SELECT DISTINCT b.id, b.name, b.code FROM promotion_applications a
         JOIN unit_bureau bu ON bu.unit_id = a.applicant_org_unit_id JOIN org_units b ON b.id = bu.bureau_id
        WHERE a.call_id = ${callId} AND a.status IN (${HR_VISIBLE_SQL}) ORDER BY b.code`,
  ).then((list) => list.map(({ id, name }) => ({ id, name })));
}

async function auditList(actor: Actor, callId: number, action: string, ids: string[], total: number) {
  await auditAlone({
    actorId: actor.viewer.id,
    action,
    target: `promotion_call:${callId}`,
    outcome: "success",
    ip: actor.ip,
    detail: { count: ids.length, total, applicationIds: ids },
  });
}

/** One page of a call's applicants for 人事課, with the filter options; null for anyone else or no such call. */
export async function listApplicants(actor: Actor, callId: number, query: ApplicantQuery) {
  if (!mayRunCalls(actor.viewer)) return null;
  const call = await loadCall(getDb(), callId);
  if (!call) return null;
  const { rows, total } = await select(call, actor.viewer.id, query);
  await auditList(actor, call.id, "promotion.applicants.view", rows.map((r) => r.id), total);
  return { rows: rows.map(({ placementDuties: _, ...r }) => r), total, options: { bureaus: await bureausOf(call.id), stages: call.stages } };
}

export const CSV_HEADER = ["職員番号", "氏名", "カナ", "職位（応募時）", "局・区", "所属（応募時）", "状態", "選考の段階", "結果", "所属長意見", "配置先", "配置先の職務", "応募日時"];

/**
 * The applicant list for the selection committee, every row (sorted by kana): facts and
 * the selection's progress, not the statements — the committee reads those on the
 * application record (decision 501). null for anyone but 人事課. One audit line, a refusal too.
 */
export async function applicantsCsv(actor: Actor, callId: number) {
  const call = mayRunCalls(actor.viewer) ? await loadCall(getDb(), callId) : undefined;
  if (!call) {
    await auditAlone({ actorId: actor.viewer.id, action: "promotion.applicants.export", target: `promotion_call:${callId}`, outcome: "denied", ip: actor.ip });
    return null;
  }
  const { rows } = await select(call, actor.viewer.id, { sort: { id: "name", desc: false } });
  await auditList(actor, call.id, "promotion.applicants.export", rows.map((r) => r.id), rows.length);
  const body = toCsv(
    CSV_HEADER,
    rows.map((r) => [
      r.staffNumber,
      r.name,
      r.kana,
      r.rank ?? "",
      r.bureau ?? "",
      r.unitPath,
      APPLICATION_STATUS_LABELS[r.status],
      r.stageName,
      r.result ? RESULT_LABELS[r.result] : "",
      r.opinion ? RECOMMENDATION_LABELS[r.opinion] : "",
      r.placement ?? "",
      r.placementDuties ?? "",
      r.submittedAt ? formatDateTimeJa(new Date(r.submittedAt)) : "",
    ]),
  );
  return { filename: `昇任型公募_応募者一覧_${call.fiscalYear}年度_${call.id}.csv`, body };
}

// ——— eligible but not applied ————————————————————————————————————————————————

export const NOT_APPLIED_SORTS = ["name", "bureau", "rank"] as const;
export type NotAppliedSort = (typeof NOT_APPLIED_SORTS)[number];
export type NotAppliedRow = { id: string; staffNumber: string; name: string; kana: string; rank: string | null; bureau: string | null; unitPath: string };

/** Every org unit's 局/区 (id, name, code), from the one CTE. */
async function bureauOfUnit() {
  const list = await rowsOf<{ unitId: number; id: number; name: string; code: string; sortOrder: number | null }>(
    getDb(),
    sql`WITH RECURSIVE ${sql.raw(UNIT_BUREAU_CTE)} SELECT ub.unit_id AS "unitId", b.id, b.name, b.code, b.sort_order AS "sortOrder" FROM unit_bureau ub JOIN org_units b ON b.id = ub.bureau_id`,
  );
  return new Map(list.map((r) => [r.unitId, r]));
}

/**
 * One page of who is eligible for a call on its 基準日 and has not applied, for 人事課 only
 * (null otherwise), with the eligible count; filter by name/kana/職員番号 and 局/区, sort by
 * kana, 局/区 or rank. One audit line with how many were shown (not who).
 */
export async function listNotApplied(
  actor: Actor,
  callId: number,
  query: { bureauId?: number; q?: string; sort: { id: NotAppliedSort; desc: boolean }; page: { page: number; pageSize: number } },
) {
  const list = await eligibleNotApplied({ callId, viewer: actor.viewer });
  if (!list) return null;
  const bureaus = await bureauOfUnit();
  const people = list.notApplied.map((p) => ({ ...p, bureau: p.orgUnitId === null ? undefined : bureaus.get(p.orgUnitId) }));
  const q = query.q?.toLowerCase();
  const matching = people.filter(
    (p) => (!query.bureauId || p.bureau?.id === query.bureauId) && (!q || [p.name, p.kana, p.staffNumber].some((t) => t.toLowerCase().includes(q))),
  );
  const key: Record<NotAppliedSort, (p: (typeof people)[number]) => string | number> = {
    name: (p) => p.kana,
    bureau: (p) => p.bureau?.code ?? "\uffff",
    rank: (p) => (RANKS as readonly (string | null)[]).indexOf(p.rank),
  };
  const dir = query.sort.desc ? -1 : 1;
  const by = key[query.sort.id];
  matching.sort((a, b) => {
    const x = by(a);
    const y = by(b);
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "ja");
    return c * dir || a.kana.localeCompare(b.kana, "ja") || a.staffNumber.localeCompare(b.staffNumber);
  });
  const { page, pageSize } = query.page;
  const rows: NotAppliedRow[] = [];
  for (const p of matching.slice((page - 1) * pageSize, page * pageSize)) {
    rows.push({ id: p.id, staffNumber: p.staffNumber, name: p.name, kana: p.kana, rank: p.rank, bureau: p.bureau?.name ?? null, unitPath: (await orgPath(p.orgUnitId)) ?? "" });
  }
  await auditAlone({
    actorId: actor.viewer.id,
    action: "promotion.not_applied.view",
    target: `promotion_call:${callId}`,
    outcome: "success",
    ip: actor.ip,
    // Not the employee ids: not having applied is no record of the person's, and an audit
    // line naming every eligible 主任 would put them in the log beside other services' lines.
    detail: { count: rows.length, total: matching.length, page },
  });
  const options = [...new Map(people.filter((p) => p.bureau).map((p) => [p.bureau!.id, p.bureau!])).values()].sort(
    // The org master's 表示順; units without one after, by code (as bureauOrderSql).
    (a, b) => (a.sortOrder ?? Infinity) - (b.sortOrder ?? Infinity) || a.code.localeCompare(b.code),
  );
  return {
    call: list.call,
    eligible: list.eligible,
    notApplied: list.notApplied.length,
    rows,
    total: matching.length,
    options: { bureaus: options.map((b) => ({ id: b.id, name: b.name })) },
  };
}
