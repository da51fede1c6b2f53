// The invariants of 昇任型公募 under concurrent writers. On PostgreSQL each immediate() is its
// own pooled transaction at READ COMMITTED, so these run truly side by side; every write of a
// call's applications locks the call row first (lockCall), and these tests fail without that
// lock. On SQLite the same tests pass through BEGIN IMMEDIATE's one writer.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { decideApplication, saveApplication, transitionCall } from "./mutations.server";
import { loadPosts } from "./queries.server";
import { APPLICATION_TEXT, NOW, orgUnit, person, publishedCall } from "./test-helpers";

const AFTER_CLOSE = jstDate(2026, 12, 16, 9, 0);
const apps = schema.promotionApplications;
const version = async (id: string) => (await first(getDb().select().from(apps).where(eq(apps.id, id))))!.version;

/** A call in selection whose one post offers `places`, with `n` applicants all 最終合格. */
async function passedApplicants(n: number, places: number) {
  const { callId, hr } = await publishedCall({ posts: [{ orgUnitId: String(await orgUnit()), duties: "係長", places: String(places) }] });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await saveApplication(await person(), callId, { intent: "submit", ...APPLICATION_TEXT }, NOW);
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
  return { callId, hr, ids, post: (await loadPosts(getDb(), callId))[0]! };
}

describe("concurrent writes to one call", () => {
  it("one application per person per call: 20 forms of the same person sent at once all land on one application", async () => {
    const { callId } = await publishedCall();
    const me = await person();
    const results = await Promise.all(Array.from({ length: 20 }, () => saveApplication(me, callId, { intent: "save", ...APPLICATION_TEXT }, NOW)));
    // Without the call's lock each would find no application, insert, and all but one hit the unique index.
    expect(results.map((r) => (r.ok ? "ok" : r.refusal.message))).toEqual(Array.from({ length: 20 }, () => "ok"));
    expect(new Set(results.map((r) => (r.ok ? r.id : "")))).toHaveLength(1);
    const stored = await getDb().select().from(apps).where(and(eq(apps.callId, callId), eq(apps.applicantId, me.viewer.id)));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.version).toBe(20);
  }, 60_000);

  it("placements: 6 最終合格 placed at once into a post of 3 places take seats 1–3; the other 3 get the post's own message", async () => {
    const { hr, ids, post } = await passedApplicants(6, 3);
    const versions = await Promise.all(ids.map(version));
    const results = await Promise.all(
      ids.map((id, i) => decideApplication(hr, { id, action: "place", version: versions[i]!, comment: "", placementPostId: post.id }, AFTER_CLOSE)),
    );
    // Without the lock two placements read the same free seat, and the unique (post, seat)
    // index refuses the second although another seat is free.
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const refusals = results.flatMap((r) => (r.ok ? [] : [r.refusal]));
    expect(refusals.map((r) => [r.reason, r.message.includes("募集人数（3名）はすでに埋まっています")])).toEqual([
      ["limit", true],
      ["limit", true],
      ["limit", true],
    ]);
    const seated = await getDb().select({ seat: apps.placementSeat }).from(apps).where(eq(apps.placementPostId, post.id));
    expect(seated.map((s) => s.seat).sort()).toEqual([1, 2, 3]);
  }, 60_000);

  it("a decision on a record already changed is refused: 8 identical 合格 sent at once record one", async () => {
    const { callId, hr } = await publishedCall();
    const s = await saveApplication(await person(), callId, { intent: "submit", ...APPLICATION_TEXT }, NOW);
    if (!s.ok) throw s.refusal;
    expect((await transitionCall(hr, callId, "close", 2, AFTER_CLOSE)).ok).toBe(true);
    expect((await transitionCall(hr, callId, "select", 3, AFTER_CLOSE)).ok).toBe(true);
    const v = await version(s.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => decideApplication(hr, { id: s.id, action: "advance", version: v, comment: "" }, AFTER_CLOSE)));
    // Without the lock each reads the same version, passes the check, and moves the applicant on again.
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.refusal.reason))).toEqual(Array.from({ length: 7 }, () => "conflict"));
    const app = (await first(getDb().select().from(apps).where(eq(apps.id, s.id))))!;
    expect([app.stage, app.version]).toEqual([1, v + 1]);
    const advances = await getDb()
      .select()
      .from(schema.promotionHistory)
      .where(and(eq(schema.promotionHistory.applicationId, s.id), eq(schema.promotionHistory.action, "advance")));
    expect(advances).toHaveLength(1);
  }, 60_000);
});
