import { defineConfig } from "drizzle-kit";

// PostgreSQL twin of drizzle.config.ts: migrations generated from the generated pg schema
// (npm run db:gen-pg first). Paths resolve from the current directory: run from the repo root.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/pg-schema.ts",
  out: "./migrations-pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/portal" },
});
