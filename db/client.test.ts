// The data layer's promises, on whichever engine the run uses (SQLite by default,
// PostgreSQL under `npm run test:unit:pg`).
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { affected, dialect, epochMs, execute, first, forUpdate, getDb, immediate, isUniqueViolation, rows, sqlFor } from "./client";
import { schema } from "./tables";

const { orgUnits, employees, auditLog } = schema;

async function addUnit(code: string) {
  return immediate(async (tx) => {
    const [row] = await tx.insert(orgUnits).values({ code, name: `課${code}`, kind: "section" }).returning();
    return row!;
  });
}

describe("immediate()", () => {
  it("commits the callback's writes and returns its result", async () => {
    const unit = await addUnit("c1");
    expect(unit.id).toBeGreaterThan(0);
    expect(unit.active).toBe(true);
    const read = await first(getDb().select().from(orgUnits).where(eq(orgUnits.code, "c1")));
    expect(read).toEqual(unit);
  });

  it("rolls everything back when the callback throws", async () => {
    await expect(
      immediate(async (tx) => {
        await tx.insert(orgUnits).values({ code: "r1", name: "戻る", kind: "section" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await first(getDb().select().from(orgUnits).where(eq(orgUnits.code, "r1")))).toBeUndefined();
  });

  it("refuses a nested immediate() and getDb() inside a transaction", async () => {
    await expect(immediate(async () => immediate(async () => 1))).rejects.toThrow(/inside immediate/);
    await expect(immediate(async () => getDb())).rejects.toThrow(/inside immediate/);
  });

  it("keeps a read outside the transaction out of it while the transaction awaits", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    const tx = immediate(async (t) => {
      await t.insert(orgUnits).values({ code: "w1", name: "待つ", kind: "section" });
      inserted();
      await gate;
      throw new Error("rolled back");
    });
    await insertedYet;
    // Issued while the transaction is open and awaiting: sees committed data only.
    expect(await first(getDb().select().from(orgUnits).where(eq(orgUnits.code, "w1")))).toBeUndefined();
    release();
    await expect(tx).rejects.toThrow("rolled back");
    expect(await first(getDb().select().from(orgUnits).where(eq(orgUnits.code, "w1")))).toBeUndefined();
  });

  it("runs concurrent transactions one after another on the invariant's row", async () => {
    const unit = await addUnit("cnt");
    // Each transaction reads the counter under the lock and writes +1: no lost update.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        immediate(async (tx) => {
          const row = await first(forUpdate(tx.select().from(orgUnits).where(eq(orgUnits.id, unit.id))));
          await tx
            .update(orgUnits)
            .set({ sortOrder: (row!.sortOrder ?? 0) + 1 })
            .where(eq(orgUnits.id, unit.id));
        }),
      ),
    );
    expect((await first(getDb().select().from(orgUnits).where(eq(orgUnits.id, unit.id))))!.sortOrder).toBe(20);
  });
});

describe("outside immediate()", () => {
  it.runIf(dialect() === "sqlite")("a stray write on the read handle fails loudly (read-only connection)", async () => {
    await expect(Promise.resolve().then(() => getDb().insert(orgUnits).values({ code: "x", name: "x", kind: "section" }))).rejects.toThrow(
      /readonly/i,
    );
  });
});

describe("helpers", () => {
  it("affected() counts the rows an update changed", async () => {
    await addUnit("a1");
    await addUnit("a2");
    const n = await immediate(async (tx) => affected(await tx.update(orgUnits).set({ active: false }).where(sql`${orgUnits.code} IN ('a1', 'a2')`)));
    expect(n).toBe(2);
    const none = await immediate(async (tx) => affected(await tx.update(orgUnits).set({ active: false }).where(eq(orgUnits.code, "nope"))));
    expect(none).toBe(0);
  });

  it("isUniqueViolation() recognises the engine's unique error and nothing else", async () => {
    await addUnit("u1");
    const e = await addUnit("u1").catch((err: unknown) => err);
    expect(isUniqueViolation(e)).toBe(true);
    const fk = await immediate(async (tx) => {
      await tx.insert(employees).values({ id: "e1", staffNumber: "1", name: "a", kana: "a", orgUnitId: 999999 });
    }).catch((err: unknown) => err);
    expect(fk).toBeInstanceOf(Error);
    expect(isUniqueViolation(fk)).toBe(false);
  });

  it("sqlFor() and rows()/execute() run the engine's own SQL", async () => {
    await addUnit("s1");
    const year = sqlFor({
      sqlite: sql<number>`cast(strftime('%Y', 'now') as integer)`,
      pg: sql<number>`extract(year from now())::int`,
    });
    const [r] = await rows<{ y: number; n: number }>(getDb(), sql`SELECT ${year} AS y, count(*) AS n FROM org_units WHERE code = 's1'`);
    expect(r!.y).toBe(new Date().getUTCFullYear());
    expect(r!.n).toBe(1); // a number on both engines (pg's int8 is parsed)
    const changed = await immediate((tx) => execute(tx, sql`UPDATE org_units SET name = 'x' WHERE code = 's1'`));
    expect(changed).toBe(1);
  });

  it("a count through the query builder is a number on both engines", async () => {
    await addUnit("n1");
    const [row] = await getDb().select({ n: sql<number>`count(*)`.mapWith(Number) }).from(orgUnits).where(eq(orgUnits.code, "n1"));
    expect(row!.n).toBe(1);
    expect(await getDb().$count(orgUnits, eq(orgUnits.code, "n1"))).toBe(1);
  });
});

describe("epochMs()", () => {
  it("reads a timestamp column as epoch milliseconds on both engines", async () => {
    const at = new Date("2025-04-01T00:00:00.123Z");
    await immediate(async (tx) => {
      await tx.insert(auditLog).values({ at, actorId: null, action: "epoch.test", outcome: "success" });
    });
    const [r] = await getDb().select({ ms: epochMs(auditLog.at).mapWith(Number) }).from(auditLog).where(eq(auditLog.action, "epoch.test"));
    expect(r!.ms).toBe(at.getTime());
  });
});

describe("values round-trip the same on both engines", () => {
  it("a Date to the millisecond, a boolean, a JSON array, a bigint-sized epoch number", async () => {
    const startsAt = new Date("2026-06-01T00:30:00.007Z");
    const row = await immediate(async (tx) => {
      const [course] = await tx
        .insert(schema.trainingCourses)
        .values({ fiscalYear: 2026, title: "往復", kind: "elective", needsApproval: true, lotteryPriorities: ["first_time"] })
        .returning();
      return course!;
    });
    expect(row.needsApproval).toBe(true);
    expect(row.lotteryPriorities).toEqual(["first_time"]);
    expect(row.createdAt).toBeInstanceOf(Date);
    const read = await first(getDb().select().from(schema.trainingCourses).where(eq(schema.trainingCourses.id, row.id)));
    expect(read).toEqual(row);
    await immediate(async (tx) => {
      await tx.insert(auditLog).values({ at: startsAt, action: "rt.at", outcome: "success", actorId: null });
    });
    const [line] = await getDb().select().from(auditLog).where(eq(auditLog.action, "rt.at"));
    expect(line!.at.getTime()).toBe(startsAt.getTime());
    await immediate(async (tx) => {
      await tx.insert(schema.loginFailures).values({ staffNumber: "rt", ip: "x", at: startsAt.getTime() });
    });
    const [f] = await getDb().select().from(schema.loginFailures).where(eq(schema.loginFailures.staffNumber, "rt"));
    expect(f!.at).toBe(startsAt.getTime()); // epoch ms past 2^31: bigint on pg, a number on both
  });
});
