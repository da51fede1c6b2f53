/**
 * The one answer to "which 局/区 is this unit in": an SQL common table expression
 * `unit_bureau(unit_id, bureau_id)` giving every org unit the 局/区 at the top of its tree
 * (a 局/区 maps to itself). Use it after `WITH RECURSIVE` and join on `unit_id`:
 *
 *   WITH RECURSIVE ${UNIT_BUREAU_CTE}
 *   SELECT … FROM employees e LEFT JOIN unit_bureau ub ON ub.unit_id = e.org_unit_id
 *
 * The org tree is 局/区 → 部 → 課 today, but nothing here depends on its depth.
 */
export const UNIT_BUREAU_CTE = `unit_bureau(unit_id, bureau_id) AS (
    SELECT id, id FROM org_units WHERE parent_id IS NULL
    UNION ALL
    SELECT o.id, ub.bureau_id FROM org_units o JOIN unit_bureau ub ON o.parent_id = ub.unit_id
  )`;

/** ORDER BY terms for 局/区 of alias `b`: the org master's 表示順, units without one after, by code. */
export function bureauOrderSql(b: string): string {
  return `${b}.sort_order IS NULL, ${b}.sort_order, ${b}.code`;
}

/**
 * The two filters every staff table offers, as SQL over `unit_bureau bu` and `employees e`:
 * a 局/区 (`bureauId`) and part of a name, kana or 職員番号 (`q`, LIKE-escaped). Pushes its
 * conditions onto `where` and its named parameters (`@bureau`, `@q`) onto `params`.
 */
export function pushPersonFilters(where: string[], params: Record<string, string | number>, filters: { bureauId?: number; q?: string }): void {
  if (filters.bureauId) {
    where.push("bu.bureau_id = @bureau");
    params.bureau = filters.bureauId;
  }
  if (filters.q) {
    where.push("(e.name LIKE @q ESCAPE '\\' OR e.kana LIKE @q ESCAPE '\\' OR e.staff_number LIKE @q ESCAPE '\\')");
    params.q = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
}
