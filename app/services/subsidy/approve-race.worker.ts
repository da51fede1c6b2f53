// A second process for the budget race test (mutations.server.test.ts): it opens the same
// database file, waits for "go", approves one application and reports the outcome.
// Run with `node --import tsx`.
import { loadViewer } from "~/auth/load-viewer.server";
import { transitionApplication } from "./mutations.server";

const [applicationId, viewerId, version] = process.argv.slice(2) as [string, string, string];
const viewer = loadViewer(viewerId);
if (!viewer) throw new Error("no viewer");
process.send?.({ ready: true });
process.on("message", () => {
  const result = transitionApplication({ actor: { viewer }, id: applicationId, as: "hr_dev", to: "approved", version: Number(version) });
  process.send?.({ result }, () => process.exit(0));
});
