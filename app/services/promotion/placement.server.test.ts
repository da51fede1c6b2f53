// A post's places can never be exceeded: the mutation picks a free seat, and the database
// (unique (post, seat), the seat triggers of migration promotion_rest_guards) refuses any
// write — of any code path, from any connection — that would put more people in a post.
import { Worker } from "node:worker_threads";
import { eq, sql, type SQL } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dialect, execute, first, getDb, immediate, isUniqueViolation, rows, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { decideApplication, saveApplication, transitionCall } from "./mutations.server";
import { loadPosts } from "./queries.server";
import { NOW, person, publishedCall } from "./test-helpers";

const text = { motivation: "志望", careerPlan: "計画", selfPr: "PR" };
const AFTER_CLOSE = jstDate(2026, 12, 16, 9, 0);
const apps = schema.promotionApplications;

const version = async (id: string) => (await first(getDb().select().from(apps).where(eq(apps.id, id))))!.version;

/** A call in selection whose one post offers `places`, with `n` applicants all 最終合格. */
async function passedApplicants(n: number, places: number) {
  const { callId, hr } = await publishedCall({ posts: [{ orgUnitId: String(await orgUnitOfHelpers()), duties: "係長", places: String(places) }] });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await saveApplication(await person(), callId, { intent: "submit", ...text }, NOW);
    if (!r.ok) throw r.refusal;
    ids.push(r.id);
  }
  expect((await transitionCall(hr, callId, "close", 2, AFTER_CLOSE)).ok).toBe(true);
  expect((await transitionCall(hr, callId, "select", 3, AFTER_CLOSE)).ok).toBe(true);
  for (const id of ids) {
    for (const action of ["advance", "advance", "pass"] as const) {
      const r = await decideApplication(hr, { id, action, version: await version(id), comment: "" }, AFTER_CLOSE);
      if (!r.ok) throw r.refusal;
    }
  }
  const post = (await loadPosts(getDb(), callId))[0]!;
  return { callId, hr, ids, post };
}

async function orgUnitOfHelpers(): Promise<number> {
  // The helpers' unit: the one every person() is in.
  const someone = await person();
  return (await first(getDb().select({ id: schema.employees.orgUnitId }).from(schema.employees).where(eq(schema.employees.id, someone.viewer.id))))!.id!;
}

const placedIn = (postId: number) => getDb().select().from(apps).where(eq(apps.placementPostId, postId));

/** A raw write in its own transaction, as a careless script would: what the database said. */
async function raw(statement: SQL): Promise<"written" | "unique" | string> {
  try {
    await immediate((tx) => execute(tx, statement));
    return "written";
  } catch (e) {
    if (isUniqueViolation(e)) return "unique";
    // drizzle wraps the driver's error; the trigger's message is on the cause.
    const messages: string[] = [];
    for (let err = e as { message?: string; cause?: unknown } | undefined; err; err = err.cause as typeof err) messages.push(String(err.message));
    return messages.join(" / ");
  }
}

const place = (postId: number, seat: number | null, id: string) =>
  raw(sql`UPDATE promotion_applications SET status = 'placed', placement_post_id = ${postId}, placement_seat = ${seat} WHERE id = ${id}`);

describe("placement within the places of a post", () => {
  it("the mutation gives seats 1 … places and refuses the next person with the post's message", async () => {
    const { hr, ids, post } = await passedApplicants(3, 2);
    for (const id of ids.slice(0, 2)) {
      expect(await decideApplication(hr, { id, action: "place", version: await version(id), comment: "", placementPostId: post.id }, AFTER_CLOSE)).toMatchObject({ ok: true });
    }
    const third = await decideApplication(hr, { id: ids[2]!, action: "place", version: await version(ids[2]!), comment: "", placementPostId: post.id }, AFTER_CLOSE);
    expect(third).toMatchObject({ ok: false, refusal: { reason: "limit", field: "placementPostId" } });
    expect(third.ok ? "" : third.refusal.message).toContain("募集人数（2名）はすでに埋まっています");
    expect((await placedIn(post.id)).map((a) => a.placementSeat).sort()).toEqual([1, 2]);
  });

  it("the database refuses a seat beyond the places, a seat taken, a post without a seat, and shrinking a post below its seats", async () => {
    const { ids, post } = await passedApplicants(3, 2);
    expect(await place(post.id, 3, ids[0]!)).toMatch(/promotion placement/);
    expect(await place(post.id, 0, ids[0]!)).toMatch(/promotion placement/);
    expect(await place(post.id, null, ids[0]!)).toMatch(/promotion placement/);
    expect(await place(post.id, 1, ids[0]!)).toBe("written");
    expect(await place(post.id, 1, ids[1]!)).toBe("unique");
    expect(await place(post.id, 2, ids[1]!)).toBe("written");
    expect(await raw(sql`UPDATE promotion_posts SET places = 1 WHERE id = ${post.id}`)).toMatch(/places below a seat/);
    expect(await raw(sql`UPDATE promotion_posts SET places = 3 WHERE id = ${post.id}`)).toBe("written");
    expect(await placedIn(post.id)).toHaveLength(2);
  });

  it.runIf(dialect() === "pg")("PostgreSQL: writers on their own pooled connections, racing without any check of ours, never fill more than the places", async () => {
    const places = 2;
    const { ids, post } = await passedApplicants(8, places);
    // Each is a careless writer: it reads how many are placed and takes seats from there up,
    // each write its own transaction, as a buggy code path or a hand-run script would.
    const results = await Promise.all(
      ids.map(async (id) => {
        const [{ n }] = (await rows<{ n: number }>(getDb(), sql`SELECT count(*) AS n FROM promotion_applications WHERE placement_post_id = ${post.id}`)) as [{ n: number }];
        const refused: string[] = [];
        let placed: number | null = null;
        for (let seat = n + 1; seat <= n + 4 && placed === null; seat++) {
          const said = await place(post.id, seat, id);
          if (said === "written") placed = seat;
          else refused.push(said);
        }
        return { placed, refused };
      }),
    );
    const seated = await placedIn(post.id);
    expect(seated.length).toBe(places);
    expect(new Set(seated.map((r) => r.placementSeat)).size).toBe(seated.length);
    expect(results.filter((r) => r.placed !== null)).toHaveLength(seated.length);
    expect(results.flatMap((r) => r.refused).every((m) => /promotion placement|unique/.test(m))).toBe(true);
  }, 60_000);

  it.runIf(dialect() === "sqlite")("SQLite: writers on their own connections, racing without any check of ours, never fill more than the places", async () => {
    const places = 2;
    const { ids, post } = await passedApplicants(8, places);
    const file = process.env.DATABASE_PATH!;
    // Each worker is a careless writer: it reads how many are placed and takes seats from
    // there up, outside any transaction, as a buggy code path or a hand-run script would.
    const code = `
      const { workerData, parentPort } = require("node:worker_threads");
      const Database = require("better-sqlite3");
      const db = new Database(workerData.file);
      db.pragma("busy_timeout = 10000");
      const count = db.prepare("SELECT count(*) AS n FROM promotion_applications WHERE placement_post_id = ?");
      const place = db.prepare("UPDATE promotion_applications SET status = 'placed', placement_post_id = ?, placement_seat = ? WHERE id = ?");
      let placed = null;
      const refused = [];
      const from = count.get(workerData.post).n + 1;
      for (let seat = from; seat <= from + 3 && placed === null; seat++) {
        try { place.run(workerData.post, seat, workerData.id); placed = seat; } catch (e) { refused.push(String(e.message)); }
      }
      db.close();
      parentPort.postMessage({ placed, refused });`;
    const results = await Promise.all(
      ids.map(
        (id) =>
          new Promise<{ placed: number | null; refused: string[] }>((resolve, reject) => {
            const w = new Worker(code, { eval: true, workerData: { file, post: post.id, id } });
            w.once("message", resolve);
            w.once("error", reject);
          }),
      ),
    );
    const rows = await placedIn(post.id);
    expect(rows.length).toBe(places);
    expect(new Set(rows.map((r) => r.placementSeat)).size).toBe(rows.length);
    expect(results.filter((r) => r.placed !== null)).toHaveLength(rows.length);
    expect(results.flatMap((r) => r.refused).every((m) => /promotion placement|UNIQUE/.test(m))).toBe(true);
  }, 60_000);

  it("under any sequence of placements through the mutation and raw writes, no post holds more than its places", async () => {
    const { hr, ids, post } = await passedApplicants(6, 3);
    const op = fc.oneof(
      fc.record({ kind: fc.constant("mutation" as const), who: fc.nat(5) }),
      fc.record({ kind: fc.constant("raw" as const), who: fc.nat(5), seat: fc.integer({ min: -1, max: 6 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 20 }), async (ops) => {
        // Every run starts from the same six 最終合格 applicants, none placed.
        expect(await raw(sql`UPDATE promotion_applications SET status = 'passed', placement_post_id = NULL, placement_seat = NULL WHERE placement_post_id = ${post.id}`)).toBe("written");
        for (const o of ops) {
          const id = ids[o.who]!;
          if (o.kind === "mutation") await decideApplication(hr, { id, action: "place", version: await version(id), comment: "", placementPostId: post.id }, AFTER_CLOSE);
          else await place(post.id, o.seat, id); // refused by the database or written: either is the point
          const rows = await placedIn(post.id);
          expect(rows.length).toBeLessThanOrEqual(post.places);
          expect(rows.every((r) => r.placementSeat! >= 1 && r.placementSeat! <= post.places)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
