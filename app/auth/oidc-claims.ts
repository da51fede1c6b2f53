/**
 * Which ID token claim carries the 職員番号 (OIDC_EMPLOYEE_CLAIM). Entra ID releases it in
 * different ways depending on the tenant: a mapped claim such as `employeeid`, a directory
 * extension attribute (`extension_<appId>_employeeNumber`), or as the local part of the
 * sign-in name. The setting is `<claim>` or `<claim>:localpart`.
 */
export type EmployeeClaim = { claim: string; part: "whole" | "localpart" };

const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;
/** A 職員番号 as the portal stores it: the same limit the login form applies. */
const STAFF_NUMBER = /^[0-9A-Za-z-]{1,20}$/;

export function parseEmployeeClaim(spec: string): EmployeeClaim | null {
  const [claim, part, ...rest] = spec.trim().split(":");
  if (rest.length > 0 || !claim || !CLAIM_NAME.test(claim)) return null;
  if (part === undefined) return { claim, part: "whole" };
  if (part === "localpart") return { claim, part: "localpart" };
  return null;
}

/**
 * The 職員番号 named by the verified ID token's claims, or null when the claim is missing or
 * does not look like one. Only the format is checked here; whether such an active employee
 * exists is the caller's question.
 */
export function staffNumberFromClaims(claims: Record<string, unknown>, spec: EmployeeClaim): string | null {
  const raw = claims[spec.claim];
  let value = typeof raw === "string" ? raw : typeof raw === "number" && Number.isSafeInteger(raw) ? String(raw) : null;
  if (value === null) return null;
  value = value.trim();
  if (spec.part === "localpart") {
    const at = value.lastIndexOf("@");
    if (at <= 0) return null;
    value = value.slice(0, at);
  }
  return STAFF_NUMBER.test(value) ? value : null;
}
