// The core's invariants with writers in separate processes, each with its own pool: on
// PostgreSQL (under `npm run test:unit:pg`) these are separate connections that only the
// database serialises; on SQLite separate processes contend for the file's one write lock.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { LOGIN_THROTTLE } from "~/auth/throttle";
import { getDb, immediate } from "../client";
import { schema } from "../tables";
import { startWorkers, testDatabase, WORKER_STARTUP_MS, type Workers } from "./harness";

let workers: Workers;
beforeAll(async () => {
  workers = await startWorkers({ ...testDatabase(), processes: 4 });
}, WORKER_STARTUP_MS);
afterAll(() => workers?.close());

describe("core invariants from several processes", () => {
  it("a login burst from 4 processes evaluates at most the per-account limit", async () => {
    const staffNumber = "320001";
    const passwordHash = await hashPassword("right-pass");
    await immediate((tx) => tx.insert(schema.employees).values({ id: randomUUID(), staffNumber, name: "試験", kana: "シケン", passwordHash }));
    const runs = await workers.run<string>("login.burst", { staffNumber, ip: "10.9.0.1" }, 10);
    const all = runs.flatMap((r) => r.results);
    expect(all).toHaveLength(40);
    expect(all.filter((r) => r === "invalid").length).toBeLessThanOrEqual(LOGIN_THROTTLE.perAccount);
    expect(all.filter((r) => r !== "invalid" && r !== "throttled")).toEqual([]);
  });

  it("4 admins in 4 processes disabling each other at once: at least one stays active", async () => {
    const ids = await immediate(async (tx) => {
      await tx.delete(schema.roleGrants).where(eq(schema.roleGrants.role, "admin"));
      const made: string[] = [];
      for (let i = 0; i < 4; i++) {
        const id = randomUUID();
        await tx.insert(schema.employees).values({ id, staffNumber: `A33${i}`, name: "管理", kana: "カンリ", source: "portal" });
        await tx.insert(schema.roleGrants).values({ employeeId: id, role: "admin" });
        made.push(id);
      }
      return made;
    });
    const runs = await workers.run<string>("accounts.disable-each-other", { ids }, 1);
    const answers = runs.flatMap((r) => r.results);
    expect(answers.every((a) => a === "ok" || a === "conflict")).toBe(true);
    const active = await getDb()
      .select({ id: schema.employees.id })
      .from(schema.roleGrants)
      .innerJoin(schema.employees, eq(schema.employees.id, schema.roleGrants.employeeId))
      .where(and(eq(schema.roleGrants.role, "admin"), isNull(schema.employees.disabledAt)));
    expect(active.length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((a) => a === "ok")).toHaveLength(4 - active.length);
  });
});
