// Seeds the demo city. Usage:
//   npm run seed                      # a few hundred employees and the demo accounts
//   npm run seed -- --employees 20000 # scale mode for benchmarks
//   npm run seed -- --force           # allow a database outside the data directory
//   npm run seed -- --history 4       # also 4 年度 of history in every service (for the statistics bench)
import path from "node:path";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { dataDir, defaultDatabasePath, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { DEMO_PASSWORD, generateCity } from "./org";
import { writeCity } from "./write-org";
import { seedSubsidy } from "./subsidy";
import { seedTraining } from "./training";
import { seedConsultation } from "./consultation";
import { seedPromotion } from "./promotion";
import { seedMentor } from "./mentor";
import { currentFiscalYear } from "../app/lib/fiscal-year";
import { seedHistory } from "./history";

const { values } = parseArgs({
  options: {
    employees: { type: "string", default: "800" },
    force: { type: "boolean", default: false },
    history: { type: "string", default: "0" },
  },
});

const file = defaultDatabasePath();
const inside = path.relative(dataDir(), file);
if ((inside.startsWith("..") || path.isAbsolute(inside)) && !values.force) {
  console.error(`シードを中止しました: ${file} はデータディレクトリ ${dataDir()} の外にあります。意図したものであれば --force を付けてください。`);
  process.exit(1);
}

const count = Number(values.employees);
if (!Number.isInteger(count) || count < 50 || count > 100_000) {
  console.error("--employees には 50〜100000 の整数を指定してください。");
  process.exit(1);
}

migrateDatabase(file);
const db = openDatabase(file);
const started = Date.now();
const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
const city = generateCity(count);
const written = writeCity(db, city, passwordHash);
seedSubsidy(db);
seedTraining(db);
seedConsultation(db);
seedPromotion(db);
const mentor = await seedMentor();
console.log(`メンター制度: メンター ${mentor.mentors}名、メンティ ${mentor.mentees}名、ペア ${mentor.pairs}組`);
const historyYears = Number(values.history);
if (Number.isInteger(historyYears) && historyYears > 0) {
  const last = currentFiscalYear();
  const years = Array.from({ length: Math.min(historyYears, 10) }, (_, i) => last - i);
  const h = seedHistory(db, years);
  console.log(`履歴データ（${years.join("・")}年度）: 研修申込 ${h.enrollments}件、助成申請 ${h.applications}件、相談予約 ${h.bookings}件`);
}
db.$client.close();
console.log(`デモデータを投入しました: 所属 ${written.orgUnits}件、職員 ${written.employees}名（${Date.now() - started}ms）→ ${file}`);
