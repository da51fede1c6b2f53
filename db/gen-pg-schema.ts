// Writes db/pg-schema.ts, the PostgreSQL twin of the sqlite-core schema in db/schema/*.ts
// (which stays the one source of truth). Run `npm run db:gen-pg` after changing db/schema;
// db/gen-pg-schema.test.ts fails while the committed file differs from what this prints.
//
// It reads the tables at run time (drizzle's getTableConfig), not the source text, so every
// column, default, index (with its partial WHERE), unique, check and foreign key is seen as
// drizzle-kit sees it. Mapping (decision 014):
//   integer (SQLite's 64-bit INTEGER)      → bigint, mode number
//   integer primaryKey autoIncrement       → bigint identity (by default: seeds may give ids)
//   integer timestamp / timestamp_ms       → timestamp(3) with time zone, mode date
//   integer boolean                        → boolean
//   text                                   → text (enum kept as the TypeScript union)
//   text json                              → jsonb, typed as the sqlite column
//   real                                   → double precision
//   default (unixepoch('subsec') * 1000)   → now()
import fs from "node:fs";
import { getTableColumns, is, SQL, StringChunk, Column, Param } from "drizzle-orm";
import { getTableConfig, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import * as sqliteSchema from "./schema";

export const PG_SCHEMA_FILE = new URL("./pg-schema.ts", import.meta.url).pathname;

type Table = SQLiteTable;

const NOW_DEFAULT = /^\(?\s*unixepoch\('subsec'\)\s*\*\s*1000\s*\)?$/;

function tables(): Map<Table, string> {
  const out = new Map<Table, string>();
  // Sorted: a module namespace's key order differs between tsx and vitest.
  for (const [name, value] of Object.entries(sqliteSchema).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (is(value, SQLiteTable)) out.set(value, name);
  }
  return out;
}

function keyOf(table: Table, column: Column): string {
  for (const [key, c] of Object.entries(getTableColumns(table))) if (c === column) return key;
  throw new Error(`column ${column.name} not found on ${getTableConfig(table).name}`);
}

/** A drizzle SQL object as the source of a `sql` template, columns as `${t.key}`. */
function sqlSource(value: SQL, table: Table, columnRef: (key: string) => string): string {
  const parts: string[] = [];
  const walk = (chunk: unknown): void => {
    if (is(chunk, StringChunk)) parts.push(chunk.value.join("").replace(/[`\\]/g, "\\$&").replace(/\$\{/g, "\\${"));
    else if (is(chunk, SQL)) chunk.queryChunks.forEach(walk);
    else if (is(chunk, Column)) parts.push("${" + columnRef(keyOf(table, chunk)) + "}");
    else if (is(chunk, Param)) parts.push("${" + JSON.stringify(chunk.value) + "}");
    else throw new Error(`unsupported SQL chunk in ${getTableConfig(table).name}: ${String(chunk)}`);
  };
  walk(value);
  return "sql`" + parts.join("") + "`";
}

function columnSource(table: Table, tableVar: string, key: string, column: SQLiteColumn, names: Map<Table, string>, used: Set<string>): string {
  const name = JSON.stringify(column.name);
  const c = column as SQLiteColumn & { autoIncrement?: boolean; mode?: string; enumValues?: readonly string[] };
  let src: string;
  switch (column.columnType) {
    case "SQLiteInteger":
      used.add("bigint");
      src = `bigint(${name}, { mode: "number" })`;
      break;
    case "SQLiteTimestamp":
      used.add("timestamp");
      src = `timestamp(${name}, { precision: 3, withTimezone: true, mode: "date" })`;
      break;
    case "SQLiteBoolean":
      used.add("boolean");
      src = `boolean(${name})`;
      break;
    case "SQLiteText":
      used.add("text");
      src = c.enumValues?.length ? `text(${name}, { enum: ${JSON.stringify(c.enumValues)} })` : `text(${name})`;
      break;
    case "SQLiteTextJson":
      used.add("jsonb");
      src = `jsonb(${name}).$type<NonNullable<(typeof sq.${tableVar}.$inferSelect)[${JSON.stringify(key)}]>>()`;
      break;
    case "SQLiteReal":
      used.add("doublePrecision");
      src = `doublePrecision(${name})`;
      break;
    default:
      throw new Error(`no PostgreSQL mapping for ${column.columnType} (${getTableConfig(table).name}.${column.name})`);
  }
  if (column.primary) {
    src += ".primaryKey()";
    if (c.autoIncrement) src += ".generatedByDefaultAsIdentity()";
  } else if (column.notNull) src += ".notNull()";
  if (column.hasDefault && column.default !== undefined) {
    const d: unknown = column.default;
    if (is(d, SQL)) {
      const text = sqlSource(d, table, () => {
        throw new Error("column reference in a default");
      });
      src += NOW_DEFAULT.test(text.slice(4, -1)) ? ".defaultNow()" : `.default(${text})`;
      if (!NOW_DEFAULT.test(text.slice(4, -1))) used.add("sql");
    } else src += `.default(${JSON.stringify(d)})`;
  }
  if (column.isUnique) src += `.unique(${JSON.stringify(column.uniqueName)})`;
  const fks = getTableConfig(table).foreignKeys.filter((fk) => {
    const ref = fk.reference();
    return ref.columns.length === 1 && ref.columns[0] === column;
  });
  for (const fk of fks) {
    const ref = fk.reference();
    const target = names.get(ref.foreignTable as Table);
    if (!target) throw new Error(`foreign key of ${column.name} points outside the schema`);
    const actions = [fk.onDelete && `onDelete: ${JSON.stringify(fk.onDelete)}`, fk.onUpdate && `onUpdate: ${JSON.stringify(fk.onUpdate)}`].filter(Boolean);
    used.add("AnyPgColumn");
    src += `.references((): AnyPgColumn => ${target}.${keyOf(ref.foreignTable as Table, ref.foreignColumns[0]!)}${actions.length ? `, { ${actions.join(", ")} }` : ""})`;
  }
  return `    ${key}: ${src},`;
}

function extrasSource(table: Table, names: Map<Table, string>, used: Set<string>): string[] {
  const config = getTableConfig(table);
  const t = (key: string) => `t.${key}`;
  const cols = (list: Column[]) => list.map((c) => t(keyOf(table, c))).join(", ");
  const out: string[] = [];
  for (const pk of config.primaryKeys) {
    used.add("primaryKey");
    out.push(`primaryKey({ columns: [${cols(pk.columns)}] })`);
  }
  for (const idx of config.indexes) {
    const { name, unique, columns, where } = idx.config;
    const builder = unique ? "uniqueIndex" : "index";
    used.add(builder);
    if (!columns.every((c) => is(c, Column))) throw new Error(`index ${name}: expression columns are not mapped`);
    let src = `${builder}(${JSON.stringify(name)}).on(${cols(columns as Column[])})`;
    if (where) {
      used.add("sql");
      src += `.where(${sqlSource(where, table, t)})`;
    }
    out.push(src);
  }
  for (const u of config.uniqueConstraints) {
    used.add("unique");
    out.push(`unique(${JSON.stringify(u.name)}).on(${cols(u.columns)})`);
  }
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    if (ref.columns.length === 1) continue; // written on the column
    used.add("foreignKey");
    const target = names.get(ref.foreignTable as Table)!;
    out.push(
      `foreignKey({ columns: [${cols(ref.columns)}], foreignColumns: [${ref.foreignColumns.map((c) => `${target}.${keyOf(ref.foreignTable as Table, c)}`).join(", ")}] })`,
    );
  }
  for (const ck of config.checks) {
    used.add("check");
    used.add("sql");
    out.push(`check(${JSON.stringify(ck.name)}, ${sqlSource(ck.value, table, t)})`);
  }
  return out;
}

/** The whole generated module, as text. */
export function generatePgSchema(): string {
  const names = tables();
  const used = new Set<string>(["pgTable"]);
  const bodies: string[] = [];
  for (const [table, tableVar] of names) {
    const config = getTableConfig(table);
    const columns = Object.entries(getTableColumns(table)).map(([key, column]) =>
      columnSource(table, tableVar, key, column as SQLiteColumn, names, used),
    );
    const extras = extrasSource(table, names, used);
    const extraSrc = extras.length ? `,\n  (t) => [\n${extras.map((e) => `    ${e},`).join("\n")}\n  ]` : "";
    bodies.push(`export const ${tableVar} = pgTable(\n  ${JSON.stringify(config.name)},\n  {\n${columns.join("\n")}\n  }${extraSrc},\n);`);
  }
  const sqlImport = used.delete("sql") ? `import { sql } from "drizzle-orm";\n` : "";
  const typeImports = used.delete("AnyPgColumn") ? ["type AnyPgColumn"] : [];
  const pgImports = [...typeImports, ...[...used].sort()].join(", ");
  return [
    "// GENERATED by `npm run db:gen-pg` (db/gen-pg-schema.ts) from db/schema/*.ts — do not edit.",
    "// The PostgreSQL twin of the sqlite-core schema; the app imports tables through db/tables.ts.",
    `${sqlImport}import { ${pgImports} } from "drizzle-orm/pg-core";`,
    `import type * as sq from "./schema";`,
    "",
    bodies.join("\n\n"),
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.writeFileSync(PG_SCHEMA_FILE, generatePgSchema());
  console.log(`PostgreSQL schema written: ${PG_SCHEMA_FILE}`);
}
