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
