import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";

export const meta: MetaFunction = () => [{ title: "相談窓口の運用 | かわさき人財ポータル" }];

// The layout only draws the sub-navigation; every child checks the welfare role itself.
export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "welfare");
  return null;
}

const TABS = [
  { to: "/consultation/manage", label: "概要・ルール", end: true },
  { to: "/consultation/manage/slots", label: "相談枠", end: false },
  { to: "/consultation/manage/consultants", label: "コンサルタント", end: false },
  { to: "/consultation/manage/bookings", label: "予約一覧", end: false },
];

export default function ManageLayout() {
  return (
    <>
      <h1>相談窓口の運用（労務厚生課）</h1>
      <nav aria-label="相談窓口の運用メニュー" className="consult-tabs">
        <ul>
          {TABS.map((t) => (
            <li key={t.to}>
              <NavLink to={t.to} end={t.end} prefetch="none">
                {t.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
