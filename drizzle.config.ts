import { defineConfig } from "drizzle-kit";

// drizzle-kit resolves these paths from the current directory: run it from the repo root.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/index.ts",
  out: "./migrations",
  dbCredentials: { url: process.env.DATABASE_PATH ?? "data/portal.db" },
});
