// The scenarios the harness can run in its worker processes, by name. Each gets the test's
// arguments, the worker's number and the call's number, and returns something JSON.
// Services add their invariants here (training.signUp on one 回, a booking per slot, the
// subsidy budget …) with a test beside their code that asserts on the outcome.
import { attemptLogin } from "~/auth/login.server";
import { disableAccount } from "~/services/accounts/accounts.server";
import { adminActor } from "~/services/accounts/test-helpers";

export type Scenario = (args: unknown, worker: number, call: number) => Promise<unknown>;

export const SCENARIOS: Record<string, Scenario> = {
  /** A burst of wrong passwords at one account from every process. */
  "login.burst": async (args) => {
    const { staffNumber, ip } = args as { staffNumber: string; ip: string };
    const r = await attemptLogin({ staffNumber, password: "wrong", ip });
    return r.ok ? "ok" : r.reason;
  },
  /** Worker i (an admin) disables admin ids[(i + 1) % n]: the last active admin must remain. */
  "accounts.disable-each-other": async (args, worker) => {
    const { ids } = args as { ids: string[] };
    const r = await disableAccount(adminActor(ids[worker % ids.length]!), ids[(worker + 1) % ids.length]!);
    return r.ok ? "ok" : r.refusal.reason;
  },
};
