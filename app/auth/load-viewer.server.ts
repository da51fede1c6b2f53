import { eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { hasSubordinates, orgPath } from "~/services/org/org.server";
import type { Role } from "./roles";
import type { Viewer } from "./viewer";

/**
 * Builds the viewer from the org tables on every request, so a changed supervisor line,
 * a granted or revoked role, or a disabled account takes effect at the very next request.
 * Returns null for an unknown or disabled account.
 */
export function loadViewer(employeeId: string): Viewer | null {
  const db = getDb();
  const e = db.select().from(schema.employees).where(eq(schema.employees.id, employeeId)).get();
  if (!e || e.disabledAt) return null;
  const grants = db
    .select({ role: schema.roleGrants.role })
    .from(schema.roleGrants)
    .where(eq(schema.roleGrants.employeeId, employeeId))
    .all();
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
