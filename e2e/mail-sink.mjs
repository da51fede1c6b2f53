// Started by Playwright's webServer before the portal: a real SMTP server on loopback (the
// portal's SMTP_URL points here) that keeps every message it receives, parsed by mailparser,
// and answers GET /messages with them as JSON so a test can wait for one to arrive.
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.E2E_SMTP_PORT);
const httpPort = Number(process.env.E2E_MAIL_HTTP_PORT);
if (!smtpPort || !httpPort) throw new Error("E2E_SMTP_PORT and E2E_MAIL_HTTP_PORT are required");

const messages = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((m) => {
        messages.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          to: m.to ? [m.to].flat().map((a) => a.text).join(", ") : "",
          from: m.from?.text ?? "",
          subject: m.subject ?? "",
          text: m.text ?? "",
          date: m.date?.toISOString() ?? null,
        });
        callback();
      })
      .catch(callback);
  },
});
smtp.listen(smtpPort, "127.0.0.1");

const web = http.createServer((req, res) => {
  if (req.url === "/messages") {
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(messages));
    return;
  }
  res.writeHead(404).end();
});
web.listen(httpPort, "127.0.0.1", () => console.log(`e2e mail sink: smtp://127.0.0.1:${smtpPort}, http://127.0.0.1:${httpPort}/messages`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    web.close();
    smtp.close(() => process.exit(0));
  });
}
