// A second process for the budget race test (mutations.server.test.ts): it opens the same
// database (the SQLite file, or PostgreSQL with its own pool), waits for "go", approves one
// application and reports the outcome. Run with `node --import tsx`.
import { loadViewer } from "~/auth/load-viewer.server";
import { closeDb } from "../../../db/client";
import { transitionApplication } from "./mutations.server";

const [applicationId, viewerId, version] = process.argv.slice(2) as [string, string, string];
const viewer = await loadViewer(viewerId);
if (!viewer) throw new Error("no viewer");
process.send?.({ ready: true });
process.on("message", () => {
  void transitionApplication({ actor: { viewer, ip: "127.0.0.1" }, id: applicationId, as: "hr_dev", to: "approved", version: Number(version) }).then(async (outcome) => {
    // A Refusal's message is not an own enumerable property: send the facts as plain data.
    const result = outcome.ok ? { ok: true } : { ok: false, reason: outcome.refusal.reason, message: outcome.refusal.message };
    await closeDb();
    process.send?.({ result }, () => process.exit(0));
  });
});
