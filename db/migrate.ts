import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { defaultDatabasePath, openDatabase } from "./client";

/** Applies committed migrations. Run by `npm run db:migrate`; never on import. */
export function migrateDatabase(file: string = defaultDatabasePath()): void {
  const db = openDatabase(file);
  try {
    migrate(db, { migrationsFolder: new URL("../migrations", import.meta.url).pathname });
  } finally {
    db.$client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = defaultDatabasePath();
  migrateDatabase(file);
  console.log(`データベースを最新の状態にしました: ${file}`);
}
