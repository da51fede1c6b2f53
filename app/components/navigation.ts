import type { Role } from "~/auth/roles";

export type NavItem = { to: string; label: string; roles: Role[] };

/**
 * The app shell's navigation. A service adds its entries here; an entry shows only to
 * viewers holding one of its roles (the routes check the same roles on the server).
 */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "ホーム", roles: ["employee", "supervisor", "hr_dev", "hr_personnel", "welfare", "consultant", "admin"] },
  { to: "/my", label: "マイページ", roles: ["employee"] },
  { to: "/approvals", label: "承認", roles: ["supervisor"] },
  { to: "/admin", label: "管理", roles: ["admin"] },
];

export function navFor(roles: readonly Role[]): { to: string; label: string }[] {
  return NAV_ITEMS.filter((i) => i.roles.some((r) => roles.includes(r))).map(({ to, label }) => ({ to, label }));
}
