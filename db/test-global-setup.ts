// Once per `vitest run`. On PostgreSQL (TEST_DATABASE_URL=postgres://… — `npm run
// test:unit:pg` starts a throwaway cluster and sets it) it migrates one template database;
// db/test-setup.ts then gives every test file its own copy (CREATE DATABASE … TEMPLATE),
// and the teardown drops them all. On SQLite there is nothing to do here.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { isPostgresUrl } from "./dialect";
import { migratePostgres } from "./migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: { adminUrl: string; template: string; prefix: string } | null;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!isPostgresUrl(adminUrl)) {
    project.provide("pgTemplate", null);
    return;
  }
  const prefix = `kjp_t${randomBytes(4).toString("hex")}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await migratePostgres(withDatabase(adminUrl, template));
  project.provide("pgTemplate", { adminUrl, template, prefix });

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}\\_%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await c.end();
  };
}
