// 階層別研修 demo data for 令和8年度 (FY2026): tier definitions, a catalogue modelled on
// the city's rebuilt tier trainings (必修 + 選択科目 + 希望制), sessions across the 年度
// (past ones with 出席・修了, some open in late November 2026, one nearly full), elective
// rules, and sign-ups — including pending ones for the demo supervisor 100002 to approve.
// Re-runnable: everything is keyed on natural keys and skipped when already there.
import type { Db } from "../db/client";
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

/**
 * Writes the training demo data. `now` decides which seeded sign-ups are already 修了
 * (sessions that have ended) and which are still open.
 */
export function seedTraining(db: Db, now: Date = new Date()): { courses: number; sessions: number; enrollments: number } {
  const sqlite = db.$client;
  const rng = createRandom(20261125);
  const nowMs = now.getTime();
  let createdCourses = 0;
  let createdSessions = 0;
  let createdEnrollments = 0;

  const upsertTier = sqlite.prepare(
    `INSERT INTO training_tiers (code, label, basis, service_year, rank, sort_order, active) VALUES (@code, @label, @basis, @serviceYear, @rank, @sortOrder, 1)
     ON CONFLICT(code) DO UPDATE SET label = excluded.label, basis = excluded.basis, service_year = excluded.service_year, rank = excluded.rank, sort_order = excluded.sort_order`,
  );
  const findCourse = sqlite.prepare(`SELECT id FROM training_courses WHERE fiscal_year = ? AND title = ?`);
  const insertCourse = sqlite.prepare(
    `INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, ?, ?, ?)`,
  );
  const insertCourseTier = sqlite.prepare(`INSERT OR IGNORE INTO training_course_tiers (course_id, tier_code) VALUES (?, ?)`);
  const findSession = sqlite.prepare(`SELECT id FROM training_course_sessions WHERE course_id = ? AND seq = ?`);
  const insertSession = sqlite.prepare(
    `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, online, capacity, signup_opens_at, signup_closes_at, cancel_deadline, status, allocation)
     VALUES (@courseId, @seq, @startsAt, @endsAt, @venue, @online, @capacity, @opens, @closes, @cancel, 'open', @allocation)`,
  );
  const upsertRule = sqlite.prepare(
    `INSERT INTO training_elective_rules (fiscal_year, tier_code, min_electives, updated_by) VALUES (?, ?, ?, 'seed')
     ON CONFLICT(fiscal_year, tier_code) DO NOTHING`,
  );
  const hasEnrollment = sqlite.prepare(`SELECT 1 FROM training_enrollments WHERE course_id = ? AND employee_id = ?`);
  const seatsTaken = sqlite.prepare(
    `SELECT count(*) AS n FROM training_enrollments WHERE course_session_id = ? AND status IN ('pending','confirmed','attended','absent','completed')`,
  );
  const insertEnrollment = sqlite.prepare(
    `INSERT INTO training_enrollments (course_id, course_session_id, employee_id, status, waitlist_seq, tier_code, org_unit_id, requested_at, updated_at)
     VALUES (@courseId, @sessionId, @employeeId, @status, NULL, @tierCode, @orgUnitId, @requestedAt, @updatedAt)`,
  );
  const insertHistory = sqlite.prepare(
    `INSERT INTO training_enrollment_history (enrollment_id, from_status, to_status, actor_id, actor_role, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNotification = sqlite.prepare(`INSERT INTO notifications (recipient_id, title, body, link) VALUES (?, ?, ?, ?)`);
  const byNumber = sqlite.prepare(`SELECT id FROM employees WHERE staff_number = ?`);

  const employees = sqlite
    .prepare(
      `SELECT id, staff_number, name, rank, hired_on, rank_since, org_unit_id, supervisor_id FROM employees
       WHERE source = 'personnel' AND disabled_at IS NULL ORDER BY staff_number`,
    )
    .all() as EmployeeRow[];
  const idOf = (staffNumber: string) => (byNumber.get(staffNumber) as { id: string } | undefined)?.id ?? null;
  const hrDevId = idOf(DEMO_ACCOUNTS.hrDev.staffNumber);
  const tiersByEmployee = new Map(
    employees.map((e) => [e.id, tiersOf({ rank: e.rank, hiredOn: e.hired_on, rankSince: e.rank_since }, FY, DEFAULT_TIERS).map((t) => t.code)]),
  );

  type SessionInfo = { id: number; courseId: number; seq: number; startsAt: number; endsAt: number; capacity: number; closes: number; cancel: number; opens: number; lottery: boolean };
  type CourseInfo = { id: number; seed: CourseSeed; sessions: SessionInfo[] };
  const catalogue: CourseInfo[] = [];

  sqlite.transaction(() => {
    for (const t of DEFAULT_TIERS) upsertTier.run(t);
    for (const c of TRAINING_CATALOGUE_R8) {
      let courseId = (findCourse.get(FY, c.title) as { id: number } | undefined)?.id;
      if (courseId === undefined) {
        courseId = Number(insertCourse.run(FY, c.title, c.description, c.kind, c.needsApproval ? 1 : 0).lastInsertRowid);
        createdCourses++;
      }
      for (const t of c.tiers) insertCourseTier.run(courseId, t);
      const sessions: SessionInfo[] = [];
      c.sessions.forEach((s, i) => {
        const seq = i + 1;
        const start = s.start ?? "09:30";
        const row = {
          courseId,
          seq,
          startsAt: at(s.date, start),
          endsAt: at(s.date, s.end ?? "17:00"),
          venue: s.venue === undefined ? KENSHU : s.venue,
          online: s.online ? 1 : 0,
          capacity: s.capacity,
          opens: at(s.date, "09:00", s.opensBefore ?? 45),
          closes: at(s.date, "17:00", s.closesBefore ?? 10),
          cancel: at(s.date, "17:00", s.cancelBefore ?? 5),
          allocation: s.lottery ? "lottery" : "first_come",
        };
        let id = (findSession.get(courseId, seq) as { id: number } | undefined)?.id;
        if (id === undefined) {
          id = Number(insertSession.run(row).lastInsertRowid);
          createdSessions++;
        }
        sessions.push({ id, courseId: courseId!, seq, startsAt: row.startsAt, endsAt: row.endsAt, capacity: row.capacity, closes: row.closes, cancel: row.cancel, opens: row.opens, lottery: Boolean(s.lottery) });
      });
      catalogue.push({ id: courseId, seed: c, sessions });
    }
    for (const [tier, n] of Object.entries(ELECTIVE_RULES_R8)) upsertRule.run(FY, tier, n);

    const course = (title: string) => catalogue.find((c) => c.seed.title === title)!;

    /** One enrollment with a plausible history; skipped when the person already has one on the course. */
    const enroll = (c: CourseInfo, s: SessionInfo, e: EmployeeRow, final: "completed" | "absent" | "confirmed" | "pending" | "cancelled" | "attended") => {
      if (hasEnrollment.get(c.id, e.id)) return false;
      if (final !== "cancelled" && !s.lottery && (seatsTaken.get(s.id) as { n: number }).n >= s.capacity) return false;
      // A weekday-ish office hour between the opening and min(closing, now).
      const days = Math.max(0, Math.floor((Math.min(s.closes, nowMs) - s.opens) / 86_400_000) - 1);
      const requestedAt = Math.min(nowMs - 3_600_000, s.opens + Math.floor(rng.next() * days * 0.8) * 86_400_000 + rng.int(0, 8 * 60) * 60_000);
      const myTiers = tiersByEmployee.get(e.id) ?? [];
      // A 抽選 回 before its close holds 応募 only (the draw seats them).
      const first = s.lottery && s.closes > nowMs ? "applied" : c.seed.needsApproval && e.supervisor_id ? "pending" : "confirmed";
      const steps: { from: string | null; to: string; by: string | null; role: string; at: number; comment?: string }[] = [
        { from: null, to: first, by: e.id, role: "employee", at: requestedAt },
      ];
      if (final !== "pending" && first === "pending") {
        steps.push({ from: "pending", to: "confirmed", by: e.supervisor_id, role: "supervisor", at: requestedAt + 86_400_000 });
      }
      if (final === "cancelled") steps.push({ from: steps.at(-1)!.to, to: "cancelled", by: e.id, role: "employee", at: Math.min(s.cancel, requestedAt + 3 * 86_400_000) });
      if (final === "completed" || final === "absent" || final === "attended") {
        steps.push({ from: "confirmed", to: final, by: hrDevId, role: "hr_dev", at: s.endsAt + 2 * 3_600_000 });
      }
      const last = steps.at(-1)!;
      const id = Number(
        insertEnrollment.run({
          courseId: c.id,
          sessionId: s.id,
          employeeId: e.id,
          status: last.to,
          tierCode: tierForEnrollment(c.seed.tiers, myTiers),
          orgUnitId: e.org_unit_id,
          requestedAt,
          updatedAt: last.at,
        }).lastInsertRowid,
      );
      for (const st of steps) insertHistory.run(id, st.from, st.to, st.by, st.role, st.comment ?? null, st.at);
      if (final === "pending" && e.supervisor_id) {
        insertNotification.run(e.supervisor_id, "研修申込の承認依頼があります", `${e.name}さんの「${c.seed.title}」第${s.seq}回への申込が承認待ちです。`, "/approvals");
      }
      createdEnrollments++;
      return true;
    };

    // Sign-ups are seeded once: on a re-run (or after people have used the demo) the
    // catalogue is topped up above, but nobody is signed up again.
    const already = sqlite
      .prepare(`SELECT count(*) AS n FROM training_enrollments e JOIN training_courses c ON c.id = e.course_id WHERE c.fiscal_year = ?`)
      .get(FY) as { n: number };
    if (already.n > 0) return;

    const demo = (key: keyof typeof DEMO_ACCOUNTS) => employees.find((e) => e.staff_number === DEMO_ACCOUNTS[key].staffNumber);
    const hanako = demo("employee");
    const ichiro = demo("supervisor");

    // The demo accounts first, so their pages tell a story.
    if (hanako) {
      const shunin = course("新任主任研修");
      enroll(shunin, shunin.sessions[0]!, hanako, nowMs > shunin.sessions[0]!.endsAt ? "completed" : "confirmed");
      const ebpm = course("データ活用（EBPM）");
      enroll(ebpm, ebpm.sessions[1]!, hanako, "pending");
      const easy = course("やさしい日本語研修");
      enroll(easy, easy.sessions[0]!, hanako, "confirmed");
      // An 応募 to the 抽選 course (drawn at its close).
      const dx = course("自治体DX・業務改善研修");
      enroll(dx, dx.sessions[0]!, hanako, "confirmed");
    }
    if (ichiro) {
      const k = course("新任係長研修");
      enroll(k, k.sessions[0]!, ichiro, "completed");
      const f = course("ファシリテーション");
      enroll(f, f.sessions[0]!, ichiro, "completed");
      const ai = course("生成AI活用");
      enroll(ai, ai.sessions[1]!, ichiro, "confirmed");
      // The rest of 100002's team signs up for an opt-in course that needs approval.
      const pres = course("プレゼンテーション研修");
      for (const e of employees.filter((x) => x.supervisor_id === ichiro.id && x.id !== hanako?.id).slice(0, 3)) {
        enroll(pres, pres.sessions[0]!, e, "pending");
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
        enroll(c, s, e, final);
      }
    }

    // One popular session nearly full: やさしい日本語研修 has one seat left.
    const easy = course("やさしい日本語研修");
    const easySession = easy.sessions[0]!;
    const shuffled = employees.map((e) => ({ e, k: rng.next() })).sort((a, b) => a.k - b.k).map((x) => x.e);
    for (const e of shuffled) {
      if ((seatsTaken.get(easySession.id) as { n: number }).n >= easySession.capacity - 1) break;
      if (e.id === ichiro?.id) continue;
      enroll(easy, easySession, e, "confirmed");
    }
  })();

  return { courses: createdCourses, sessions: createdSessions, enrollments: createdEnrollments };
}
