/**
 * The query of a 受講歴 page or CSV: whose (`?employee=`, default the viewer) and which
 * 年度 (`?fy=2026`, or `all` / absent for every year).
 */
export function historyParams(url: URL, viewerId: string): { employeeId: string; fiscalYear: number | null; other: boolean } {
  const employee = (url.searchParams.get("employee") ?? "").slice(0, 100);
  const raw = url.searchParams.get("fy") ?? "";
  const fiscalYear = /^\d{4}$/.test(raw) ? Number(raw) : null;
  const employeeId = employee || viewerId;
  return { employeeId, fiscalYear, other: employeeId !== viewerId };
}

/** The query string that reproduces the same selection (for the CSV link). */
export function historyQuery({ employeeId, fiscalYear, other }: { employeeId: string; fiscalYear: number | null; other: boolean }): string {
  const q = new URLSearchParams();
  if (other) q.set("employee", employeeId);
  if (fiscalYear !== null) q.set("fy", String(fiscalYear));
  const s = q.toString();
  return s ? `?${s}` : "";
}
