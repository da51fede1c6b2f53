// `npm run mail:show [-- 件数]`: the newest .eml files of the data directory, decoded (宛先,
// 件名, 日時, 本文), for looking at the demo's mail without a mail program.
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { mailSettings } from "./settings.server";

const dir = mailSettings().mailDir;
const count = Number(process.argv[2] ?? 5) || 5;
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .reverse()
      .slice(0, count)
  : [];
if (files.length === 0) console.log(`${dir} にメールはまだありません。`);
for (const f of files) {
  const m = await simpleParser(fs.readFileSync(path.join(dir, f)));
  const to = m.to ? [m.to].flat().map((a) => a.text).join(", ") : "";
  console.log(`==== ${f}\n宛先: ${to}\n件名: ${m.subject ?? ""}\n日時: ${m.date?.toISOString() ?? ""}\n\n${m.text ?? ""}\n`);
}
