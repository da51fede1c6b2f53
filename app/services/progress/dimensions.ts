import { sql, type SQL } from "drizzle-orm";
import { sqlFor } from "~/db.server";
import { MANAGER_RANKS, RANKS } from "~/services/org/master-data";
import { UNIT_BUREAU_CTE } from "~/services/org/unit-bureau";

/**
 * Breakdown dimensions. Each is an SQL expression over the columns of `employee_dims`
 * (alias d) and the fact's `at` instant (alias f), plus the order its labels are shown in.
 * The person's current org data is used for every 年度 (the org master keeps no history).
 */
/** Constant text as an SQL list ('課長', '部長' …); only for fixed vocabularies, never for input. */
function sqlTextList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");
}

export const AGE_BANDS = ["20代以下", "30代", "40代", "50代", "60代以上", "未登録"];
export const FISCAL_MONTHS = ["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"];

export type DimensionKey = "bureau" | "rank" | "tierGroup" | "jobCategory" | "ageBand" | "gender" | "month" | "topic" | "tier" | "level";

export type Dimension = {
  key: DimensionKey;
  label: string;
  /**
   * SQL giving the label: constant SQL text that reads the same on both engines (no
   * placeholders), or a drizzle `sql` fragment of the 年度 (parameters, dialect parts
   * through `sqlFor`).
   */
  sql: string | ((fiscalYear: number) => SQL);
  /** Before the async layer: the `?` parameters of a string `sql`. Only an empty list is accepted now. */
  params?: (fiscalYear: number) => unknown[];
  /** Narrows a cell towards individuals: suppressed even for non-confidential services. */
  personal: boolean;
  /** A fixed order of the labels (職位, 月 …). */
  order?: string[];
  /**
   * Or an order kept in the data: SQL over the same rows giving a number per label (the
   * 局/区's 表示順 from the org master). Smaller first; ties and labels without one by name.
   */
  sortSql?: string;
};

export const DIMENSIONS: Dimension[] = [
  { key: "bureau", label: "局・区", sql: "d.bureau", sortSql: "MIN(d.bureau_sort)", personal: false },
  { key: "rank", label: "職位", sql: "d.rank", personal: false, order: [...RANKS, "未登録"] },
  {
    key: "tierGroup",
    label: "管理職／それ以外",
    // 管理職 as the org master's rank order defines it (one definition: MANAGER_RANKS).
    sql: `CASE WHEN d.rank IN (${sqlTextList(MANAGER_RANKS)}) THEN '管理職' ELSE 'それ以外' END`,
    personal: false,
    order: ["管理職", "それ以外"],
  },
  { key: "jobCategory", label: "職種", sql: "d.job_category", personal: true },
  {
    key: "ageBand",
    label: "年齢層（年度初日時点）",
    // The age the person reaches in the 年度's first calendar year: an integer the same on both engines.
    sql: (fy) => {
      const age = sql`(${sql.raw(String(Math.trunc(fy)))} - d.birth_year)`;
      return sql`CASE WHEN d.birth_year IS NULL THEN '未登録'
            WHEN ${age} < 30 THEN '20代以下'
            WHEN ${age} < 40 THEN '30代'
            WHEN ${age} < 50 THEN '40代'
            WHEN ${age} < 60 THEN '50代'
            ELSE '60代以上' END`;
    },
    personal: true,
    order: AGE_BANDS,
  },
  { key: "gender", label: "性別（登録者のみ）", sql: "d.gender", personal: true, order: ["男性", "女性", "その他", "未登録"] },
  {
    key: "month",
    label: "月",
    // f.at is epoch ms (every module's facts give it so); +9h gives the month in Tokyo
    // (Japan keeps no summer time). Integer arithmetic on both engines: no time zone setting
    // of the server or the session can move a record into another month.
    sql: () =>
      sqlFor({
        sqlite: sql`CAST(strftime('%m', f.at / 1000 + 32400, 'unixepoch') AS INTEGER) || '月'`,
        pg: sql`CAST(extract(month from to_timestamp(f.at / 1000 + 32400) AT TIME ZONE 'UTC') AS INTEGER)::text || '月'`,
      }),
    personal: false,
    order: FISCAL_MONTHS,
  },
];

/** A dimension's label expression for a 年度, as one drizzle `sql` fragment. */
export function dimensionSql(dimension: Dimension, fiscalYear: number): SQL {
  if (typeof dimension.sql === "function") return dimension.sql(fiscalYear);
  if ((dimension.params?.(fiscalYear).length ?? 0) > 0) {
    throw new Error(`dimension ${dimension.key}: a string sql takes no parameters; give a function of the 年度 instead`);
  }
  return sql.raw(dimension.sql);
}

/** The dimensions a service's breakdowns offer: the common ones and the service's own. */
type HasDimensions = { dimensions?: Dimension[]; confidential?: { dimensions: DimensionKey[] } };

export function dimensionsOf(module: HasDimensions): Dimension[] {
  const all = [...DIMENSIONS, ...(module.dimensions ?? [])];
  return module.confidential ? all.filter((d) => module.confidential!.dimensions.includes(d.key)) : all;
}

export function dimensionByKey(key: string | null | undefined, module: HasDimensions = {}): Dimension {
  const all = dimensionsOf(module);
  return all.find((d) => d.key === key) ?? all[0]!;
}

/**
 * Employee attributes used by every breakdown. Follows `WITH RECURSIVE` (it brings the
 * org tree walk of `UNIT_BUREAU_CTE` with it).
 */
export const EMPLOYEE_DIMS_CTE = `${UNIT_BUREAU_CTE},
employee_dims AS (
  SELECT e.id,
    COALESCE(b.name, '所属なし') AS bureau,
    -- 表示順 of the 局/区; one without comes after those with, and 所属なし last.
    CASE WHEN b.id IS NULL THEN 2000000000 ELSE COALESCE(b.sort_order, 1000000000) END AS bureau_sort,
    COALESCE(e.rank, '未登録') AS rank,
    COALESCE(e.job_category, '未登録') AS job_category,
    e.birth_year AS birth_year,
    COALESCE(e.gender, '未登録') AS gender
  FROM employees e
  LEFT JOIN unit_bureau ub ON ub.unit_id = e.org_unit_id
  LEFT JOIN org_units b ON b.id = ub.bureau_id
)`;

/**
 * Sorts labels by a dimension's fixed order, or by the sort keys its data gave (`sortSql`),
 * else by the Japanese collation.
 */
export function compareLabels(dimension: Dimension, a: string, b: string, keys?: { a: number | null; b: number | null }): number {
  if (keys && dimension.sortSql) {
    return (keys.a ?? Number.MAX_SAFE_INTEGER) - (keys.b ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b, "ja");
  }
  if (dimension.order) {
    const ia = dimension.order.indexOf(a);
    const ib = dimension.order.indexOf(b);
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.localeCompare(b, "ja");
  }
  return a.localeCompare(b, "ja");
}
