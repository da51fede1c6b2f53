// `npm run mail:worker`: the mail sender alone, for a deployment that runs it apart from the
// web server (then start the server with MAIL_SENDER=off). Stops cleanly on SIGINT/SIGTERM.
import { startConfiguredMailSender } from "./runner.server";

const sender = startConfiguredMailSender({ inServer: false })!;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sender.stop().then(() => process.exit(0));
  });
}
