/** Roles that are granted by an admin. */
export const GRANTABLE_ROLES = ["hr_dev", "hr_personnel", "welfare", "consultant", "admin"] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** `employee` comes from being in the personnel data, `supervisor` from having subordinates. */
export type Role = GrantableRole | "employee" | "supervisor";

export const ROLE_LABELS: Record<Role, string> = {
  employee: "職員",
  supervisor: "所属長・上司",
  hr_dev: "人材育成課",
  hr_personnel: "人事課",
  welfare: "労務厚生課",
  consultant: "外部キャリアコンサルタント",
  admin: "システム管理者",
};

export function isGrantableRole(value: string): value is GrantableRole {
  return (GRANTABLE_ROLES as readonly string[]).includes(value);
}
