import { eq, sql } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { preparedOnce } from "~/lib/prepared.server";
import { hasSubordinates, orgPath } from "~/services/org/org.server";
import type { Role } from "./roles";
import type { Viewer } from "./viewer";

const employeeById = preparedOnce((db) =>
  db.select().from(schema.employees).where(eq(schema.employees.id, sql.placeholder("id"))).prepare(),
);
const grantsOf = preparedOnce((db) =>
  db.select({ role: schema.roleGrants.role }).from(schema.roleGrants).where(eq(schema.roleGrants.employeeId, sql.placeholder("id"))).prepare(),
);

/**
 * Builds the viewer from the org tables on every request, so a changed supervisor line,
 * a granted or revoked role, or a disabled account takes effect at the very next request.
 * Returns null for an unknown or disabled account.
 */
export function loadViewer(employeeId: string): Viewer | null {
  const db = getDb();
  const e = employeeById(db).get({ id: employeeId });
  if (!e || e.disabledAt) return null;
  const grants = grantsOf(db).all({ id: employeeId });
  const roles: Role[] = [];
  if (e.source === "personnel") roles.push("employee");
  if (hasSubordinates(e.id)) roles.push("supervisor");
  for (const g of grants) roles.push(g.role);
  return {
    id: e.id,
    staffNumber: e.staffNumber,
    name: e.name,
    kana: e.kana,
    rank: e.rank,
    orgUnitId: e.orgUnitId,
    orgPath: orgPath(e.orgUnitId),
    roles,
  };
}
