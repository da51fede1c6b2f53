import { eq, sql } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { preparedOnce } from "~/lib/prepared.server";
import { hasSubordinates, orgPath } from "~/services/org/org.server";
import type { Role } from "./roles";
import type { Viewer } from "./viewer";

const employeeById = preparedOnce("viewer_employee", (db) =>
  db.select().from(schema.employees).where(eq(schema.employees.id, sql.placeholder("id"))),
);
const grantsOf = preparedOnce("viewer_grants", (db) =>
  db.select({ role: schema.roleGrants.role }).from(schema.roleGrants).where(eq(schema.roleGrants.employeeId, sql.placeholder("id"))),
);

/**
 * Builds the viewer from the org tables on every request, so a changed supervisor line,
 * a granted or revoked role, or a disabled account takes effect at the very next request.
 * Returns null for an unknown or disabled account.
 */
export async function loadViewer(employeeId: string): Promise<Viewer | null> {
  const db = getDb();
  const e = await employeeById(db).first({ id: employeeId });
  if (!e || e.disabledAt) return null;
  const [grants, supervises, path] = await Promise.all([
    grantsOf(db).all({ id: employeeId }),
    hasSubordinates(e.id, db),
    orgPath(e.orgUnitId, db),
  ]);
  const roles: Role[] = [];
  if (e.source === "personnel") roles.push("employee");
  if (supervises) roles.push("supervisor");
  for (const g of grants) roles.push(g.role);
  return {
    id: e.id,
    staffNumber: e.staffNumber,
    name: e.name,
    kana: e.kana,
    rank: e.rank,
    orgUnitId: e.orgUnitId,
    orgPath: path,
    roles,
  };
}
