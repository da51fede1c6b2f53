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
  /** SQL giving the label; `?` placeholders take `params(fiscalYear)`. */
  sql: string;
  params: (fiscalYear: number) => number[];
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
  { key: "bureau", label: "局・区", sql: "d.bureau", sortSql: "MIN(d.bureau_sort)", params: () => [], personal: false },
  { key: "rank", label: "職位", sql: "d.rank", params: () => [], personal: false, order: [...RANKS, "未登録"] },
  {
    key: "tierGroup",
    label: "管理職／それ以外",
    // 管理職 as the org master's rank order defines it (one definition: MANAGER_RANKS).
    sql: `CASE WHEN d.rank IN (${sqlTextList(MANAGER_RANKS)}) THEN '管理職' ELSE 'それ以外' END`,
    params: () => [],
    personal: false,
    order: ["管理職", "それ以外"],
  },
  { key: "jobCategory", label: "職種", sql: "d.job_category", params: () => [], personal: true },
  {
    key: "ageBand",
    label: "年齢層（年度初日時点）",
    sql: `CASE WHEN d.birth_year IS NULL THEN '未登録'
            WHEN ? - d.birth_year < 30 THEN '20代以下'
            WHEN ? - d.birth_year < 40 THEN '30代'
            WHEN ? - d.birth_year < 50 THEN '40代'
            WHEN ? - d.birth_year < 60 THEN '50代'
            ELSE '60代以上' END`,
    params: (fy) => [fy, fy, fy, fy],
    personal: true,
    order: AGE_BANDS,
  },
  { key: "gender", label: "性別（登録者のみ）", sql: "d.gender", params: () => [], personal: true, order: ["男性", "女性", "その他", "未登録"] },
  {
    key: "month",
    label: "月",
    // f.at is epoch ms; +9h gives the month in Tokyo.
    sql: "CAST(strftime('%m', f.at / 1000 + 32400, 'unixepoch') AS INTEGER) || '月'",
    params: () => [],
    personal: false,
    order: FISCAL_MONTHS,
  },
];

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
