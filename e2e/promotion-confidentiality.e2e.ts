// Who applied to a 昇任型公募, what they wrote, and their supervisor's opinion are known to
// 人事課 and (for the opinion) the applicant's own supervisor only. Another employee, a
// supervisor of another unit, 人材育成課 and the admin get 404 on the application, its
// statements and the opinion; a crawl of every page they can reach (and its data request)
// never shows the statement text, the opinion or the applicant beside the call. 人事課 is
// crawled the same way as the positive control: there the same checks must find them.
import { randomBytes, randomUUID } from "node:crypto";
import { todayIso } from "../app/lib/fiscal-year";
import { BASE_URL } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, expect, test } from "./fixtures";

const MAX_PAGES = 250;
const MAX_PER_PATTERN = 6;

function arrange() {
  const db = e2eDb();
  const tag = randomBytes(4).toString("hex");
  const today = todayIso();
  const later = todayIso(new Date(Date.now() + 20 * 86_400_000));
  const hr = (db.prepare("SELECT id FROM employees WHERE staff_number = ?").get(DEMO.hrPersonnel) as { id: string }).id;
  const unit = (db.prepare("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?").get(DEMO.employee) as { o: number }).o;
  const callTitle = `秘匿確認の公募 ${tag}`;
  const callId = Number(
    db
      .prepare(
        `INSERT INTO promotion_calls (fiscal_year, title, level, reference_date, opens_on, closes_on, eligibility, opinion_required, opinion_due_on, stages, limits, status, created_by)
         VALUES (?, ?, 'kakaricho', '2027-04-01', ?, ?, ?, 1, ?, '["書類選考","面接"]', '{"motivation":800,"careerPlan":800,"selfPr":800}', 'published', ?)`,
      )
      .run(
        Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0),
        callTitle,
        today,
        later,
        JSON.stringify({ ranks: ["主任"], minYearsInRank: 0, deductedLeave: {}, ageMin: null, ageMax: null, excludedWorkStatuses: [], excludedEmploymentTypes: [], probationMonths: 0, minYearsSinceTransfer: null }),
        later,
        hr,
      ).lastInsertRowid,
  );
  db.prepare("INSERT INTO promotion_posts (call_id, org_unit_id, duties, places) VALUES (?, ?, '秘匿確認のポスト', 1)").run(callId, unit);
  return { tag, callId, callTitle };
}

type Leak = { url: string; why: string };

function linksIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

function patternOf(url: URL): string {
  return url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":uuid").replace(/\d+/g, ":n") + "?" + [...url.searchParams.keys()].sort().join("&");
}

/**
 * Whether a page shows a token. A 職員番号 is six digits, and six digits also occur inside
 * timestamps and ids on unrelated pages: it counts only when no digit touches it.
 */
function contains(body: string, token: string): boolean {
  return /^[0-9]+$/.test(token) ? new RegExp(`(?<![0-9])${token}(?![0-9])`).test(body) : body.includes(token);
}

async function crawl(staffNumber: string, tokens: string[], seeds: string[] = []) {
  const cookie = `kjp_session=${createSession(staffNumber)}`;
  const queue = ["/", "/notifications", ...seeds];
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const leaks: Leak[] = [];
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const url = new URL(queue.shift()!, BASE_URL);
    const key = url.pathname + url.search;
    if (url.origin !== BASE_URL || seen.has(key) || /^\/(build|logout)|\.(css|js|png|ico|svg|csv|ics)$/.test(url.pathname)) continue;
    const pattern = patternOf(url);
    if ((perPattern.get(pattern) ?? 0) >= MAX_PER_PATTERN) continue;
    perPattern.set(pattern, (perPattern.get(pattern) ?? 0) + 1);
    seen.add(key);
    const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(res.status, key).toBeLessThan(500);
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get("location");
      if (to) queue.push(to);
      continue;
    }
    const body = await res.text();
    for (const t of tokens) if (contains(body, t)) leaks.push({ url: key, why: t });
    if ((res.headers.get("content-type") ?? "").includes("text/html")) {
      for (const l of linksIn(body)) if (l.startsWith("/") && !l.startsWith("//")) queue.push(l);
      const data = `${url.pathname === "/" ? "/_root" : url.pathname.replace(/\/$/, "")}.data${url.search}`;
      const dres = await fetch(new URL(data, BASE_URL), { headers: { Cookie: cookie }, redirect: "manual" });
      expect(dres.status, data).toBeLessThan(500);
      const dbody = await dres.text();
      for (const t of tokens) if (contains(dbody, t)) leaks.push({ url: data, why: t });
    }
  }
  return { visited: [...seen], leaks };
}

test("an application, its statements and the opinion: 404 and never shown to anyone but 人事課 and the own supervisor", async () => {
  test.setTimeout(300_000);
  const { tag, callId } = arrange();
  const boss = await createTestEmployee({ rank: "係長" });
  const applicant = await createTestEmployee({ rank: "主任", supervisorStaffNumber: boss.staffNumber });
  const stranger = await createTestEmployee({ rank: "主任" });
  const statement = `秘匿志望動機-${tag}`;
  const opinion = `秘匿所属長意見-${tag}`;
  const id = randomUUID();
  const db = e2eDb();
  db.prepare(
    `INSERT INTO promotion_applications (id, call_id, applicant_id, status, motivation, career_plan, self_pr, submitted_at) VALUES (?, ?, ?, 'submitted', ?, ?, ?, ?)`,
  ).run(id, callId, applicant.id, statement, `秘匿キャリア-${tag}`, `秘匿自己PR-${tag}`, Date.now());
  db.prepare("INSERT INTO promotion_history (application_id, action, from_status, to_status, to_stage, actor_id, actor_role) VALUES (?, 'submit', NULL, 'submitted', 0, ?, 'applicant')").run(id, applicant.id);
  db.prepare("INSERT INTO promotion_opinions (application_id, supervisor_id, recommendation, comment) VALUES (?, ?, 'recommend', ?)").run(id, boss.id, opinion);

  const targets = [`/promotion/manage/applications/${id}`, `/approvals/promotion/${id}`];
  const outsiders = { 他の職員: stranger.staffNumber, 他部署の所属長: DEMO.supervisor, 人材育成課: DEMO.hrDev, 管理者: DEMO.admin };
  const tokens = [statement, opinion, `秘匿キャリア-${tag}`, `秘匿自己PR-${tag}`, applicant.name, applicant.staffNumber];
  for (const [who, staffNumber] of Object.entries(outsiders)) {
    const cookie = `kjp_session=${createSession(staffNumber)}`;
    for (const path of targets) {
      for (const url of [path, `${path}.data`]) {
        const res = await fetch(`${BASE_URL}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(res.status, `${who} ${url}`).toBe(404);
        const body = await res.text();
        for (const t of tokens) expect(contains(body, t), `${who} ${url} shows ${t}`).toBe(false);
      }
    }
    // The selection committee's CSV is 人事課's: 404 to anyone else, as for a missing file.
    const csv = await fetch(`${BASE_URL}/promotion/manage/calls/${callId}/applicants.csv`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(csv.status, `${who} applicants.csv`).toBe(404);
    const csvBody = await csv.text();
    for (const t of tokens) expect(contains(csvBody, t), `${who} applicants.csv shows ${t}`).toBe(false);
    const { leaks, visited } = await crawl(staffNumber, tokens, [`/promotion/calls/${callId}`]);
    expect(leaks, who).toEqual([]);
    expect(visited.length, who).toBeGreaterThan(3);
  }

  // The own supervisor reads the statements but is not shown other applicants; 人事課 sees everything.
  const supCookie = `kjp_session=${createSession(boss.staffNumber)}`;
  const supPage = await (await fetch(`${BASE_URL}/approvals/promotion/${id}`, { headers: { Cookie: supCookie } })).text();
  expect(supPage).toContain(statement);
  const supCsv = await fetch(`${BASE_URL}/promotion/manage/calls/${callId}/applicants.csv`, { headers: { Cookie: supCookie }, redirect: "manual" });
  expect(supCsv.status).toBe(404);
  const hrCsv = await fetch(`${BASE_URL}/promotion/manage/calls/${callId}/applicants.csv`, { headers: { Cookie: `kjp_session=${createSession(DEMO.hrPersonnel)}` } });
  expect(hrCsv.status).toBe(200);
  expect(await hrCsv.text()).toContain(applicant.staffNumber);
  const control = await crawl(DEMO.hrPersonnel, [statement, opinion], [`/promotion/manage/calls/${callId}`]);
  expect(control.leaks.map((l) => l.why)).toEqual(expect.arrayContaining([statement, opinion]));
  // The applicant never sees the opinion.
  const own = await crawl(applicant.staffNumber, [opinion], [`/promotion/calls/${callId}`]);
  expect(own.leaks).toEqual([]);
});
