import { and, count, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { schema, type Db } from "~/db.server";
import type { OverdueApprovals } from "~/services/contract/registration";
import { SUPERVISOR_HOLDS } from "./transitions";

const { subsidyApplications: apps, employees } = schema;

/** Applications in the supervisor's hands since before `olderThan`, per supervisor. */
export async function subsidyOverdueApprovals(db: Db, olderThan: Date): Promise<OverdueApprovals[]> {
  const rows = await db
    .select({ supervisorId: employees.supervisorId, n: count() })
    .from(apps)
    .innerJoin(employees, eq(employees.id, apps.applicantId))
    .where(and(inArray(apps.status, [...SUPERVISOR_HOLDS]), lt(apps.updatedAt, olderThan), isNotNull(employees.supervisorId)))
    .groupBy(employees.supervisorId);
  return rows.map((r) => ({ supervisorId: r.supervisorId!, label: "資格取得費用助成の申請", count: r.n }));
}
