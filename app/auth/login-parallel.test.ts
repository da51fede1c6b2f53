// Issue 10 item 1: the throttle must hold when many attempts arrive at once. Each call
// below runs synchronously up to its first await, so if the count is read before the hash
// is awaited and written only after, every one of them sees zero failures.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { immediate, schema } from "~/db.server";
import { attemptLogin } from "./login.server";
import { hashPassword } from "./password.server";
import { LOGIN_THROTTLE } from "./throttle";

async function person(staffNumber: string, password: string) {
  const passwordHash = await hashPassword(password);
  await immediate(async (tx) => {
    await tx.insert(schema.employees).values({ id: randomUUID(), staffNumber, name: `試験 ${staffNumber}`, kana: "シケン", rank: "主任", passwordHash });
  });
}

// Each evaluated attempt verifies an argon2id hash (19 MiB, two passes): on a loaded 2-core
// CI machine fifty of them can take longer than vitest's 5 s default. Nothing here is timed.
const HASHING = 60_000;

describe("login throttling under parallel attempts", () => {
  it("evaluates at most the per-account limit of 50 simultaneous attempts, the right password included", async () => {
    await person("310001", "right-pass");
    const attempts = [
      ...Array.from({ length: 50 }, (_, i) => ({ staffNumber: "310001", password: `wrong-${i}`, ip: "10.1.0.1" })),
      { staffNumber: "310001", password: "right-pass", ip: "10.1.0.1" },
    ];
    const results = await Promise.all(attempts.map((a) => attemptLogin(a)));
    const evaluated = results.filter((r) => r.ok || r.reason !== "throttled").length;
    expect(evaluated).toBeLessThanOrEqual(LOGIN_THROTTLE.perAccount);
    // Whatever was evaluated was recorded: the account is locked for the window now.
    expect(await attemptLogin({ staffNumber: "310001", password: "right-pass", ip: "10.1.0.2" })).toEqual({ ok: false, reason: "throttled" });
  }, HASHING);

  it("evaluates at most the per-address limit of simultaneous attempts across many accounts", async () => {
    const n = LOGIN_THROTTLE.perAddress + 10;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => attemptLogin({ staffNumber: `38${String(i).padStart(4, "0")}`, password: "guess", ip: "10.1.0.9" })),
    );
    const evaluated = results.filter((r) => r.ok || r.reason !== "throttled").length;
    expect(evaluated).toBeLessThanOrEqual(LOGIN_THROTTLE.perAddress);
  }, HASHING);

  it("a successful login does not count as a failure", async () => {
    await person("310002", "right-pass");
    for (let i = 0; i < LOGIN_THROTTLE.perAccount + 2; i++) {
      expect((await attemptLogin({ staffNumber: "310002", password: "right-pass", ip: "10.1.0.3" })).ok).toBe(true);
    }
  }, HASHING);
});

describe("a successful login inside a burst", () => {
  it("withdraws only its own attempt: earlier failures still count until the window passes", async () => {
    await person("310003", "right-pass");
    for (let i = 0; i < LOGIN_THROTTLE.perAccount - 1; i++) await attemptLogin({ staffNumber: "310003", password: `bad${i}`, ip: "10.1.0.4" });
    expect((await attemptLogin({ staffNumber: "310003", password: "right-pass", ip: "10.1.0.4" })).ok).toBe(true);
    await attemptLogin({ staffNumber: "310003", password: "bad-again", ip: "10.1.0.4" });
    expect(await attemptLogin({ staffNumber: "310003", password: "right-pass", ip: "10.1.0.4" })).toEqual({ ok: false, reason: "throttled" });
  }, HASHING);
});
