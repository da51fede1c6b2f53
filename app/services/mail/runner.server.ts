import { startMailSender, type MailSender } from "./sender.server";
import { mailSettings } from "./settings.server";
import { createMailTransport } from "./transport.server";

/**
 * The sender as the server (server.mjs) and `npm run mail:worker` start it, from the
 * settings in the environment. `inServer`: null when MAIL_SENDER=off (a worker runs apart).
 */
export function startConfiguredMailSender({ inServer }: { inServer: boolean }): MailSender | null {
  const settings = mailSettings();
  if (inServer && !settings.senderInServer) return null;
  const transport = createMailTransport(settings);
  console.log(`メール送信: ${transport.describe}（${settings.intervalMs / 1000}秒ごと）`);
  return startMailSender({ transport, settings, log: (line) => console.log(line) });
}
