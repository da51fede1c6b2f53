// The scenarios the harness can run in its worker processes, by name. Each gets the test's
// arguments, the worker's number and the call's number, and returns something JSON.
// Every scenario calls the service's own entry point, the one the route's action calls.
// Arguments come as JSON: dates as ISO strings, a call's own item as `items[worker][call]`
// (see `deal` in harness.ts). A Refusal is answered as its reason (its message is not an
// own property, so it would not survive JSON); anything a service throws comes back as
// { error } from worker.ts — the "500" a route would answer.
import { attemptLogin } from "~/auth/login.server";
import { disableAccount } from "~/services/accounts/accounts.server";
import { adminActor } from "~/services/accounts/test-helpers";
import { bookSlot } from "~/services/consultation/employee-bookings.server";
import { refusalCode } from "~/services/consultation/refusals";
import type { Actor } from "~/services/contract/actor";
import type { Outcome } from "~/services/contract/refusal";
import { decideRequest } from "~/services/mentor/mutations.server";
import { saveApplication as savePromotionApplication } from "~/services/promotion/mutations.server";
import { transitionApplication } from "~/services/subsidy/mutations.server";
import { cancelOwn, signUp } from "~/services/training/enrollment-mutations.server";

export type Scenario = (args: unknown, worker: number, call: number) => Promise<unknown>;

/** This call's item of the per-worker lists. */
function mine<T>(items: T[][], worker: number, call: number): T {
  const item = items[worker]?.[call];
  if (item === undefined) throw new Error(`no item for worker ${worker}, call ${call}`);
  return item;
}

/** "ok", or the refusal's reason. */
const reasonOf = (r: Outcome): string => (r.ok ? "ok" : r.refusal.reason);

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

  /** 研修: each call signs its person up to one 回 (the 申込 button). */
  "training.sign-up": async (args, worker, call) => {
    const { people, courseSessionId, now } = args as { people: Actor[][]; courseSessionId: number; now: string };
    const r = await signUp({ actor: mine(people, worker, call), courseSessionId, now: new Date(now) });
    return r.ok ? { ok: true, enrollmentId: r.enrollmentId, status: r.status, waitlistPosition: r.waitlistPosition } : { ok: false, reason: r.refusal.reason };
  },
  /** 研修: each call's person cancels their own enrollment; answers whom the freed seat went to. */
  "training.cancel-own": async (args, worker, call) => {
    const { cancels, now } = args as { cancels: { actor: Actor; enrollmentId: number }[][]; now: string };
    const { actor, enrollmentId } = mine(cancels, worker, call);
    const r = await cancelOwn({ actor, enrollmentId, now: new Date(now) });
    return r.ok ? { ok: true, promoted: r.promoted } : { ok: false, reason: r.refusal.reason };
  },

  /** 相談窓口: each call books one slot for one person; answers the booking rule's code. */
  "consultation.book": async (args, worker, call) => {
    const { bookings, now } = args as { bookings: { actor: Actor; slotId: number }[][]; now: string };
    const { actor, slotId } = mine(bookings, worker, call);
    const r = await bookSlot(actor, { slotId, topic: "career", note: "", anonymous: false }, new Date(now));
    return r.ok ? "ok" : (refusalCode(r.refusal) ?? r.refusal.reason);
  },

  /** 資格取得費用助成: 人材育成課 gives each call's application its 交付決定. */
  "subsidy.approve": async (args, worker, call) => {
    const { actor, applications, now } = args as { actor: Actor; applications: { id: string; version: number }[][]; now: string };
    const { id, version } = mine(applications, worker, call);
    return reasonOf(await transitionApplication({ actor, id, as: "hr_dev", to: "approved", version, now: new Date(now) }));
  },

  /** 昇任型公募: one person's application form saved (一時保存) by every call; answers the application's id. */
  "promotion.save-application": async (args) => {
    const { actor, callId, text, now } = args as { actor: Actor; callId: number; text: { motivation: string; careerPlan: string; selfPr: string }; now: string };
    const r = await savePromotionApplication(actor, callId, { intent: "save", ...text }, new Date(now));
    return r.ok ? { ok: true, id: r.id } : { ok: false, reason: r.refusal.reason };
  },

  /** メンター制度: the mentor accepts each call's direct request (承諾). */
  "mentor.accept-request": async (args, worker, call) => {
    const { mentor, requests, now } = args as { mentor: Actor; requests: number[][]; now: string };
    return reasonOf(await decideRequest(mentor, mine(requests, worker, call), "accept", new Date(now)));
  },
};
