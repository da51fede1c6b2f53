// 階層別研修 demo data for 令和8年度 (FY2026): tier definitions, a catalogue modelled on
// the city's rebuilt tier trainings (必修 + 選択科目 + 希望制), sessions across the 年度
// (past ones with 出席・修了, some open in late November 2026, one nearly full), elective
// rules, and sign-ups — including pending ones for the demo supervisor 100002 to approve.
// Re-runnable: everything is keyed on natural keys and skipped when already there.
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { first, immediate, type Tx } from "../db/client";
import { schema } from "../db/tables";
import { DEFAULT_TIERS, tierForEnrollment, tiersOf } from "../app/services/training/rules";
import { jstDate } from "../app/lib/fiscal-year";
import { DEMO_ACCOUNTS } from "./org";
import { createRandom } from "./random";

const FY = 2026;

type SessionSeed = {
  /** "2026-12-10" */
  date: string;
  start?: string;
  end?: string;
  venue?: string | null;
  online?: boolean;
  capacity: number;
  /** Days before the session that sign-up opens / closes / cancellation ends. */
  opensBefore?: number;
  closesBefore?: number;
  cancelBefore?: number;
  /** 抽選 instead of 先着 (the default). */
  lottery?: boolean;
};

type CourseSeed = {
  title: string;
  kind: "required" | "elective" | "optIn";
  needsApproval: boolean;
  tiers: string[];
  description: string;
  sessions: SessionSeed[];
};

const HONCHOSHA = "川崎市役所本庁舎 2階 研修室";
const KENSHU = "川崎市職員研修所（中原区）";

export const TRAINING_CATALOGUE_R8: CourseSeed[] = [
  {
    title: "新規採用職員研修（前期）",
    kind: "required",
    needsApproval: false,
    tiers: ["new_hire"],
    description: "川崎市職員としての基本（服務・公務員倫理・接遇・文書事務）を学びます。",
    sessions: [
      { date: "2026-04-02", start: "09:00", capacity: 160, venue: KENSHU, opensBefore: 20, closesBefore: 1, cancelBefore: 1 },
      { date: "2026-04-03", start: "09:00", capacity: 160, venue: KENSHU, opensBefore: 20, closesBefore: 1, cancelBefore: 1 },
    ],
  },
  {
    title: "新規採用職員研修（後期）",
    kind: "required",
    needsApproval: false,
    tiers: ["new_hire"],
    description: "半年間の業務を振り返り、市民目線の仕事の進め方と職場でのコミュニケーションを学びます。",
    sessions: [
      { date: "2027-01-19", capacity: 80, venue: KENSHU },
      { date: "2027-01-21", capacity: 80, venue: KENSHU },
    ],
  },
  {
    title: "2年目職員研修（政策形成の基礎）",
    kind: "required",
    needsApproval: false,
    tiers: ["year2"],
    description: "地域課題を題材に、課題設定から施策立案までの流れをグループワークで体験します。",
    sessions: [
      { date: "2026-09-10", capacity: 80, venue: KENSHU },
      { date: "2026-12-15", capacity: 80, venue: KENSHU },
    ],
  },
  {
    title: "3年目職員研修（キャリアを考える）",
    kind: "required",
    needsApproval: false,
    tiers: ["year3"],
    description: "職員人財ビジョンを踏まえ、これからのキャリアと学び方を考えます。",
    sessions: [
      { date: "2026-10-20", capacity: 80, venue: KENSHU },
      { date: "2027-02-09", capacity: 80, venue: KENSHU },
    ],
  },
  {
    title: "新任主任研修",
    kind: "required",
    needsApproval: false,
    tiers: ["new_shunin"],
    description: "係の中核としての役割、後輩指導（OJT）、業務改善の進め方を学びます。",
    sessions: [
      { date: "2026-06-11", capacity: 60, venue: HONCHOSHA },
      { date: "2026-12-10", capacity: 60, venue: HONCHOSHA },
    ],
  },
  {
    title: "新任係長研修",
    kind: "required",
    needsApproval: false,
    tiers: ["new_kakaricho"],
    description: "係のマネジメント、部下育成、組織目標の共有について学びます。選択科目と組み合わせて受講します。",
    sessions: [
      { date: "2026-05-20", capacity: 60, venue: HONCHOSHA },
      { date: "2026-11-12", capacity: 60, venue: HONCHOSHA },
    ],
  },
  {
    title: "新任課長補佐研修",
    kind: "required",
    needsApproval: false,
    tiers: ["new_kachohosa"],
    description: "課長を補佐する立場での組織運営、リスク管理、議会・予算対応を学びます。",
    sessions: [{ date: "2026-07-08", capacity: 40, venue: HONCHOSHA }],
  },
  {
    title: "新任課長研修（組織マネジメント）",
    kind: "required",
    needsApproval: false,
    tiers: ["new_kacho"],
    description: "組織の長としてのマネジメント、人材育成、働き方改革を学びます。",
    sessions: [{ date: "2026-05-14", capacity: 40, venue: HONCHOSHA }],
  },
  // 選択科目 (選択制): 新任係長 choose at least 2, 新任主任 at least 2, 新任課長補佐 at least 1.
  {
    title: "ファシリテーション",
    kind: "elective",
    needsApproval: true,
    tiers: ["new_kakaricho", "new_shunin"],
    description: "会議やワークショップで参加者の意見を引き出し、合意形成へ導く技法を演習で身につけます。",
    sessions: [
      { date: "2026-07-16", capacity: 24, venue: KENSHU },
      { date: "2026-12-08", capacity: 24, venue: KENSHU },
    ],
  },
  {
    title: "データ活用（EBPM）",
    kind: "elective",
    needsApproval: true,
    tiers: ["new_kakaricho", "new_shunin"],
    description: "統計データやオープンデータを使い、根拠に基づく政策立案（EBPM）の考え方と手法を学びます。",
    sessions: [
      { date: "2026-09-03", capacity: 30, venue: HONCHOSHA },
      { date: "2027-01-14", capacity: 30, venue: HONCHOSHA, opensBefore: 60 },
    ],
  },
  {
    title: "生成AI活用",
    kind: "elective",
    needsApproval: true,
    tiers: ["new_kakaricho", "new_shunin"],
    description: "庁内で利用できる生成AIの安全な使い方と、文書作成・企画立案での活用を実習します。",
    sessions: [
      { date: "2026-10-07", start: "13:30", end: "17:00", capacity: 40, online: true, venue: null },
      { date: "2026-12-17", start: "13:30", end: "17:00", capacity: 40, online: true, venue: null },
    ],
  },
  {
    title: "政策法務",
    kind: "elective",
    needsApproval: true,
    tiers: ["new_kakaricho"],
    description: "条例・規則の立案と法令解釈、行政手続の基礎を事例で学びます。",
    sessions: [
      { date: "2026-08-20", capacity: 30, venue: HONCHOSHA },
      { date: "2027-02-04", capacity: 30, venue: HONCHOSHA },
    ],
  },
  {
    title: "メンタルヘルス・ラインケア",
    kind: "elective",
    needsApproval: true,
    tiers: ["new_kakaricho", "new_kachohosa"],
    description: "管理監督者として部下の不調に気づき、声をかけ、つなぐためのラインケアを学びます。",
    sessions: [
      { date: "2026-11-05", start: "13:30", end: "17:00", capacity: 40, venue: KENSHU },
      { date: "2027-01-27", start: "13:30", end: "17:00", capacity: 40, venue: KENSHU, online: true },
    ],
  },
  {
    title: "ハラスメント防止",
    kind: "elective",
    needsApproval: true,
    tiers: ["new_kakaricho", "new_kachohosa", "new_kacho"],
    description: "ハラスメントの定義と事例、相談を受けたときの対応を学びます。",
    sessions: [
      { date: "2026-06-24", start: "13:30", end: "16:30", capacity: 50, venue: HONCHOSHA },
      { date: "2026-12-03", start: "13:30", end: "16:30", capacity: 50, venue: HONCHOSHA, closesBefore: 7 },
    ],
  },
  {
    title: "キャリアデザイン",
    kind: "elective",
    needsApproval: true,
    tiers: ["new_kakaricho", "new_shunin", "year3"],
    description: "自分の強みと価値観を振り返り、これからのキャリアを描きます（キャリアコンサルタント講師）。",
    sessions: [
      { date: "2026-10-28", capacity: 30, venue: KENSHU },
      { date: "2027-02-17", capacity: 30, venue: KENSHU },
    ],
  },
  // 希望制
  {
    title: "やさしい日本語研修",
    kind: "optIn",
    needsApproval: false,
    tiers: [],
    description: "外国人市民に伝わる「やさしい日本語」での窓口対応・文書作成を学びます。",
    sessions: [{ date: "2026-12-02", start: "14:00", end: "16:30", capacity: 40, venue: HONCHOSHA, opensBefore: 30, closesBefore: 5 }],
  },
  {
    title: "自治体DX・業務改善研修",
    kind: "optIn",
    needsApproval: false,
    tiers: [],
    description: "ノーコードツールと業務フロー図で、自分の職場の手続きを一つ見直します。人気のため抽選で受講者を決めます（今年度の選択科目が未達の人、過去に受講していない人を優先）。",
    sessions: [{ date: "2027-01-20", start: "13:30", end: "17:00", capacity: 10, venue: HONCHOSHA, opensBefore: 60, closesBefore: 14, cancelBefore: 7, lottery: true }],
  },
  {
    title: "プレゼンテーション研修",
    kind: "optIn",
    needsApproval: true,
    tiers: [],
    description: "伝わる資料の作り方と話し方を、録画とフィードバックで磨きます。",
    sessions: [{ date: "2027-01-22", capacity: 30, venue: KENSHU, opensBefore: 67, closesBefore: 14 }],
  },
  {
    title: "ロジカルライティング",
    kind: "optIn",
    needsApproval: true,
    tiers: [],
    description: "報告書・起案文を論理的に、短く書くための演習です。",
    sessions: [
      { date: "2026-09-15", start: "13:30", end: "17:00", capacity: 30, online: true, venue: null },
      { date: "2027-03-04", start: "13:30", end: "17:00", capacity: 30, online: true, venue: null },
    ],
  },
  {
    title: "イクボス・ブレイクボス研修",
    kind: "optIn",
    needsApproval: false,
    tiers: ["new_kakaricho", "new_kachohosa", "new_kacho"],
    description: "部下のワーク・ライフ・バランスを応援し、組織の成果も出す上司（イクボス）を目指します。",
    sessions: [{ date: "2027-02-24", start: "14:00", end: "16:00", capacity: 100, online: true, venue: null }],
  },
];

export const ELECTIVE_RULES_R8: Record<string, number> = { new_kakaricho: 2, new_shunin: 2, new_kachohosa: 1 };

function parseDate(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

function at(iso: string, time: string, daysBefore = 0): number {
  const [y, m, d] = parseDate(iso);
  const [h, min] = time.split(":").map(Number) as [number, number];
  return jstDate(y, m, d - daysBefore, h, min).getTime();
}

type EmployeeRow = { id: string; staff_number: string; name: string; rank: string | null; hired_on: string | null; rank_since: string | null; org_unit_id: number | null; supervisor_id: string | null };

const { trainingTiers, trainingCourses, trainingCourseTiers, trainingCourseSessions, trainingElectiveRules, trainingEnrollments, trainingEnrollmentHistory, notifications, employees: emp } = schema;
/** The statuses that hold a seat (as the service's SEAT_STATUSES). */
const SEATED = ["pending", "confirmed", "attended", "absent", "completed"] as const;

async function seatsTaken(tx: Tx, sessionId: number): Promise<number> {
  const [r] = await tx.select({ n: count() }).from(trainingEnrollments).where(and(eq(trainingEnrollments.courseSessionId, sessionId), inArray(trainingEnrollments.status, [...SEATED])));
  return r?.n ?? 0;
}

/**
 * Writes the training demo data in one transaction. `now` decides which seeded sign-ups
 * are already 修了 (sessions that have ended) and which are still open.
 */
export async function seedTraining(now: Date = new Date()): Promise<{ courses: number; sessions: number; enrollments: number }> {
  const rng = createRandom(20261125);
  const nowMs = now.getTime();
  let createdCourses = 0;
  let createdSessions = 0;
  let createdEnrollments = 0;

  type SessionInfo = { id: number; courseId: number; seq: number; startsAt: number; endsAt: number; capacity: number; closes: number; cancel: number; opens: number; lottery: boolean };
  type CourseInfo = { id: number; seed: CourseSeed; sessions: SessionInfo[] };
  const catalogue: CourseInfo[] = [];

  await immediate(async (tx) => {
    const employees: EmployeeRow[] = await tx
      .select({
        id: emp.id,
        staff_number: emp.staffNumber,
        name: emp.name,
        rank: emp.rank,
        hired_on: emp.hiredOn,
        rank_since: emp.rankSince,
        org_unit_id: emp.orgUnitId,
        supervisor_id: emp.supervisorId,
      })
      .from(emp)
      .where(and(eq(emp.source, "personnel"), isNull(emp.disabledAt)))
      .orderBy(asc(emp.staffNumber));
    const idOf = (staffNumber: string) => employees.find((e) => e.staff_number === staffNumber)?.id ?? null;
    const hrDevId =
      idOf(DEMO_ACCOUNTS.hrDev.staffNumber) ?? (await first(tx.select({ id: emp.id }).from(emp).where(eq(emp.staffNumber, DEMO_ACCOUNTS.hrDev.staffNumber))))?.id ?? null;
    const tiersByEmployee = new Map(
      employees.map((e) => [e.id, tiersOf({ rank: e.rank, hiredOn: e.hired_on, rankSince: e.rank_since }, FY, DEFAULT_TIERS).map((t) => t.code)]),
    );

    for (const t of DEFAULT_TIERS) {
      const { code, label, basis, serviceYear, rank, sortOrder } = t;
      await tx
        .insert(trainingTiers)
        .values({ code, label, basis, serviceYear, rank, sortOrder, active: true })
        .onConflictDoUpdate({ target: trainingTiers.code, set: { label, basis, serviceYear, rank, sortOrder } });
    }
    for (const c of TRAINING_CATALOGUE_R8) {
      let courseId = (await first(tx.select({ id: trainingCourses.id }).from(trainingCourses).where(and(eq(trainingCourses.fiscalYear, FY), eq(trainingCourses.title, c.title)))))?.id;
      if (courseId === undefined) {
        const [row] = await tx
          .insert(trainingCourses)
          .values({ fiscalYear: FY, title: c.title, description: c.description, kind: c.kind, needsApproval: c.needsApproval })
          .returning({ id: trainingCourses.id });
        courseId = row!.id;
        createdCourses++;
      }
      for (const t of c.tiers) await tx.insert(trainingCourseTiers).values({ courseId, tierCode: t }).onConflictDoNothing();
      const sessions: SessionInfo[] = [];
      for (const [i, s] of c.sessions.entries()) {
        const seq = i + 1;
        const start = s.start ?? "09:30";
        const row = {
          courseId,
          seq,
          startsAt: at(s.date, start),
          endsAt: at(s.date, s.end ?? "17:00"),
          venue: s.venue === undefined ? KENSHU : s.venue,
          online: Boolean(s.online),
          capacity: s.capacity,
          opens: at(s.date, "09:00", s.opensBefore ?? 45),
          closes: at(s.date, "17:00", s.closesBefore ?? 10),
          cancel: at(s.date, "17:00", s.cancelBefore ?? 5),
          allocation: s.lottery ? ("lottery" as const) : ("first_come" as const),
        };
        let id = (
          await first(tx.select({ id: trainingCourseSessions.id }).from(trainingCourseSessions).where(and(eq(trainingCourseSessions.courseId, courseId), eq(trainingCourseSessions.seq, seq))))
        )?.id;
        if (id === undefined) {
          const [inserted] = await tx
            .insert(trainingCourseSessions)
            .values({
              courseId,
              seq,
              startsAt: new Date(row.startsAt),
              endsAt: new Date(row.endsAt),
              venue: row.venue,
              online: row.online,
              capacity: row.capacity,
              signupOpensAt: new Date(row.opens),
              signupClosesAt: new Date(row.closes),
              cancelDeadline: new Date(row.cancel),
              status: "open",
              allocation: row.allocation,
            })
            .returning({ id: trainingCourseSessions.id });
          id = inserted!.id;
          createdSessions++;
        }
        sessions.push({ id, courseId, seq, startsAt: row.startsAt, endsAt: row.endsAt, capacity: row.capacity, closes: row.closes, cancel: row.cancel, opens: row.opens, lottery: Boolean(s.lottery) });
      }
      catalogue.push({ id: courseId, seed: c, sessions });
    }
    for (const [tier, n] of Object.entries(ELECTIVE_RULES_R8)) {
      await tx.insert(trainingElectiveRules).values({ fiscalYear: FY, tierCode: tier, minElectives: n, updatedBy: "seed" }).onConflictDoNothing({ target: [trainingElectiveRules.fiscalYear, trainingElectiveRules.tierCode] });
    }

    const course = (title: string) => catalogue.find((c) => c.seed.title === title)!;

    /** One enrollment with a plausible history; skipped when the person already has one on the course. */
    const enroll = async (c: CourseInfo, s: SessionInfo, e: EmployeeRow, final: "completed" | "absent" | "confirmed" | "pending" | "cancelled" | "attended") => {
      if (await first(tx.select({ id: trainingEnrollments.id }).from(trainingEnrollments).where(and(eq(trainingEnrollments.courseId, c.id), eq(trainingEnrollments.employeeId, e.id))).limit(1))) return false;
      if (final !== "cancelled" && !s.lottery && (await seatsTaken(tx, s.id)) >= s.capacity) return false;
      // A weekday-ish office hour between the opening and min(closing, now).
      const days = Math.max(0, Math.floor((Math.min(s.closes, nowMs) - s.opens) / 86_400_000) - 1);
      const requestedAt = Math.min(nowMs - 3_600_000, s.opens + Math.floor(rng.next() * days * 0.8) * 86_400_000 + rng.int(0, 8 * 60) * 60_000);
      const myTiers = tiersByEmployee.get(e.id) ?? [];
      // A 抽選 回 before its close holds 応募 only (the draw seats them).
      const firstStatus = s.lottery && s.closes > nowMs ? "applied" : c.seed.needsApproval && e.supervisor_id ? "pending" : "confirmed";
      type Status = typeof trainingEnrollments.$inferInsert.status;
      type Role = typeof trainingEnrollmentHistory.$inferInsert.actorRole;
      const steps: { from: Status | null; to: Status; by: string | null; role: Role; at: number; comment?: string }[] = [
        { from: null, to: firstStatus, by: e.id, role: "employee", at: requestedAt },
      ];
      if (final !== "pending" && firstStatus === "pending") {
        steps.push({ from: "pending", to: "confirmed", by: e.supervisor_id, role: "supervisor", at: requestedAt + 86_400_000 });
      }
      if (final === "cancelled") steps.push({ from: steps.at(-1)!.to, to: "cancelled", by: e.id, role: "employee", at: Math.min(s.cancel, requestedAt + 3 * 86_400_000) });
      if (final === "completed" || final === "absent" || final === "attended") {
        steps.push({ from: "confirmed", to: final, by: hrDevId, role: "hr_dev", at: s.endsAt + 2 * 3_600_000 });
      }
      const last = steps.at(-1)!;
      const [inserted] = await tx
        .insert(trainingEnrollments)
        .values({
          courseId: c.id,
          courseSessionId: s.id,
          employeeId: e.id,
          status: last.to,
          waitlistSeq: null,
          tierCode: tierForEnrollment(c.seed.tiers, myTiers),
          orgUnitId: e.org_unit_id,
          requestedAt: new Date(requestedAt),
          updatedAt: new Date(last.at),
        })
        .returning({ id: trainingEnrollments.id });
      const id = inserted!.id;
      for (const st of steps) {
        await tx
          .insert(trainingEnrollmentHistory)
          .values({ enrollmentId: id, fromStatus: st.from, toStatus: st.to, actorId: st.by, actorRole: st.role, comment: st.comment ?? null, at: new Date(st.at) });
      }
      if (final === "pending" && e.supervisor_id) {
        await tx
          .insert(notifications)
          .values({ recipientId: e.supervisor_id, title: "研修申込の承認依頼があります", body: `${e.name}さんの「${c.seed.title}」第${s.seq}回への申込が承認待ちです。`, link: "/approvals" });
      }
      createdEnrollments++;
      return true;
    };

    // Sign-ups are seeded once: on a re-run (or after people have used the demo) the
    // catalogue is topped up above, but nobody is signed up again.
    const [already] = await tx
      .select({ n: count() })
      .from(trainingEnrollments)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrollments.courseId))
      .where(eq(trainingCourses.fiscalYear, FY));
    if ((already?.n ?? 0) > 0) return;

    const demo = (key: keyof typeof DEMO_ACCOUNTS) => employees.find((e) => e.staff_number === DEMO_ACCOUNTS[key].staffNumber);
    const hanako = demo("employee");
    const ichiro = demo("supervisor");

    // The demo accounts first, so their pages tell a story.
    if (hanako) {
      const shunin = course("新任主任研修");
      await enroll(shunin, shunin.sessions[0]!, hanako, nowMs > shunin.sessions[0]!.endsAt ? "completed" : "confirmed");
      const ebpm = course("データ活用（EBPM）");
      await enroll(ebpm, ebpm.sessions[1]!, hanako, "pending");
      const easy = course("やさしい日本語研修");
      await enroll(easy, easy.sessions[0]!, hanako, "confirmed");
      // An 応募 to the 抽選 course (drawn at its close).
      const dx = course("自治体DX・業務改善研修");
      await enroll(dx, dx.sessions[0]!, hanako, "confirmed");
    }
    if (ichiro) {
      const k = course("新任係長研修");
      await enroll(k, k.sessions[0]!, ichiro, "completed");
      const f = course("ファシリテーション");
      await enroll(f, f.sessions[0]!, ichiro, "completed");
      const ai = course("生成AI活用");
      await enroll(ai, ai.sessions[1]!, ichiro, "confirmed");
      // The rest of 100002's team signs up for an opt-in course that needs approval.
      const pres = course("プレゼンテーション研修");
      for (const e of employees.filter((x) => x.supervisor_id === ichiro.id && x.id !== hanako?.id).slice(0, 3)) {
        await enroll(pres, pres.sessions[0]!, e, "pending");
      }
    }

    // Everyone else: people of each tier in the tier's courses, spread over the sessions.
    for (const c of catalogue) {
      const eligible = employees.filter((e) => {
        const mine = tiersByEmployee.get(e.id) ?? [];
        return c.seed.tiers.length === 0 || c.seed.tiers.some((t) => mine.includes(t));
      });
      const share = c.seed.kind === "required" ? 0.95 : c.seed.kind === "elective" ? 0.45 : 0.025;
      for (const e of eligible) {
        if (e.id === hanako?.id || e.id === ichiro?.id) continue;
        if (!rng.chance(share)) continue;
        const candidates = c.sessions.filter((s) => s.opens <= nowMs);
        if (candidates.length === 0) continue;
        const s = rng.pick(candidates);
        const ended = s.endsAt <= nowMs;
        const roll = rng.next();
        const final = ended
          ? roll < 0.88
            ? "completed"
            : roll < 0.94
              ? "absent"
              : "cancelled"
          : roll < 0.08
            ? "cancelled"
            : c.seed.needsApproval && roll < 0.3
              ? "pending"
              : "confirmed";
        await enroll(c, s, e, final);
      }
    }

    // One popular session nearly full: やさしい日本語研修 has one seat left.
    const easy = course("やさしい日本語研修");
    const easySession = easy.sessions[0]!;
    const shuffled = employees.map((e) => ({ e, k: rng.next() })).sort((a, b) => a.k - b.k).map((x) => x.e);
    for (const e of shuffled) {
      if ((await seatsTaken(tx, easySession.id)) >= easySession.capacity - 1) break;
      if (e.id === ichiro?.id) continue;
      await enroll(easy, easySession, e, "confirmed");
    }
  });

  return { courses: createdCourses, sessions: createdSessions, enrollments: createdEnrollments };
}
