// A pair's page and its notes belong to the two of the pair. The mentee's supervisor,
// 人事課, the admin, 人材育成課 and another mentor of the cycle get 404 on the pair page, and
// a crawl of every page they can reach (and its data request) never shows a note's text.
// The two of the pair are crawled the same way as the positive control.
import { randomBytes } from "node:crypto";
import { BASE_URL } from "./env";
import { DEMO, createSession, e2eDb, employeeId, expect, test } from "./fixtures";

const MAX_PAGES = 200;
const MAX_PER_PATTERN = 5;

function linksIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

function patternOf(url: URL): string {
  return url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":uuid").replace(/\d+/g, ":n") + "?" + [...url.searchParams.keys()].sort().join("&");
}

async function crawl(staffNumber: string, tokens: string[], seeds: string[] = []) {
  const cookie = `kjp_session=${createSession(staffNumber)}`;
  const queue = ["/", "/notifications", "/mentor", ...seeds];
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const leaks: { url: string; why: string }[] = [];
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
    for (const t of tokens) if (body.includes(t)) leaks.push({ url: key, why: t });
    if ((res.headers.get("content-type") ?? "").includes("text/html")) {
      for (const l of linksIn(body)) if (l.startsWith("/") && !l.startsWith("//")) queue.push(l);
      const data = `${url.pathname === "/" ? "/_root" : url.pathname.replace(/\/$/, "")}.data${url.search}`;
      const dres = await fetch(new URL(data, BASE_URL), { headers: { Cookie: cookie }, redirect: "manual" });
      expect(dres.status, data).toBeLessThan(500);
      const dbody = await dres.text();
      for (const t of tokens) if (dbody.includes(t)) leaks.push({ url: data, why: t });
    }
  }
  return { visited: [...seen], leaks };
}

test("a pair's notes: 404 and never shown to anyone but the two of the pair", async () => {
  test.setTimeout(300_000);
  const db = e2eDb();
  const tag = randomBytes(4).toString("hex");
  const hanako = employeeId(DEMO.employee);
  // The seeded pair of 川崎 花子 (100001); her supervisor 多摩 一郎 (100002) is a mentor of the same cycle.
  const pair = db.prepare("SELECT id, mentor_id AS mentorId, cycle_id AS cycleId FROM mentor_pairs WHERE mentee_id = ? AND status = 'active'").get(hanako) as { id: number; mentorId: string; cycleId: number };
  const mentorStaff = (db.prepare("SELECT staff_number AS s FROM employees WHERE id = ?").get(pair.mentorId) as { s: string }).s;
  const anotherMentor = (
    db
      .prepare("SELECT e.staff_number AS s FROM mentor_registrations r JOIN employees e ON e.id = r.employee_id WHERE r.cycle_id = ? AND r.side = 'mentor' AND r.employee_id NOT IN (?, ?) LIMIT 1")
      .get(pair.cycleId, pair.mentorId, employeeId(DEMO.supervisor)) as { s: string }
  ).s;
  const note = `秘匿メモ-${tag}`;
  db.prepare("INSERT INTO mentor_notes (pair_id, author_id, body) VALUES (?, ?, ?)").run(pair.id, hanako, note);

  const outsiders = { 上司: DEMO.supervisor, 人事課: DEMO.hrPersonnel, 管理者: DEMO.admin, 人材育成課: DEMO.hrDev, ほかのメンター: anotherMentor };
  for (const [who, staffNumber] of Object.entries(outsiders)) {
    const cookie = `kjp_session=${createSession(staffNumber)}`;
    for (const url of [`/mentor/pairs/${pair.id}`, `/mentor/pairs/${pair.id}.data`]) {
      const res = await fetch(`${BASE_URL}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, `${who} ${url}`).toBe(404);
      expect(await res.text(), `${who} ${url}`).not.toContain(note);
    }
    const seeds = [`/mentor/pairs/${pair.id}`, `/mentor/cycles/${pair.cycleId}`, `/mentor/manage/cycles/${pair.cycleId}`, `/mentor/manage/cycles/${pair.cycleId}/pairs`, "/stats/mentor"];
    const { leaks, visited } = await crawl(staffNumber, [note], seeds);
    expect(leaks, who).toEqual([]);
    expect(visited.length, who).toBeGreaterThan(3);
  }
  // The two of the pair see it.
  for (const staffNumber of [DEMO.employee, mentorStaff]) {
    const own = await crawl(staffNumber, [note], [`/mentor/pairs/${pair.id}`]);
    expect(own.leaks.map((l) => l.why)).toContain(note);
  }
});
