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
  { to: "/training", label: "研修", roles: ["employee"] },
  { to: "/training/manage", label: "研修管理", roles: ["hr_dev"] },
  { to: "/subsidy", label: "資格取得費用助成", roles: ["employee"] },
  { to: "/subsidy/manage", label: "助成の審査", roles: ["hr_dev"] },
  { to: "/consultation", label: "相談予約", roles: ["employee"] },
  { to: "/consultation/sessions", label: "相談（コンサルタント）", roles: ["consultant"] },
  { to: "/consultation/manage", label: "相談窓口の運用", roles: ["welfare"] },
  { to: "/admin", label: "管理", roles: ["admin"] },
  { to: "/stats", label: "統計", roles: ["hr_dev", "welfare"] },
];

export function navFor(roles: readonly Role[]): { to: string; label: string }[] {
  return NAV_ITEMS.filter((i) => i.roles.some((r) => roles.includes(r))).map(({ to, label }) => ({ to, label }));
}
