import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { fiscalYearFromUrl, fiscalYearLabel, formatDateTimeJa, PLAN_FIRST_YEAR, selectableFiscalYears } from "~/lib/fiscal-year";
import { listBookingsForWelfare } from "~/services/consultation/welfare-desk.server";
import { BookingStatusTag, slotText } from "~/components/consultation/booking-status";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { TableScroll } from "~/components/table-scroll";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  // The service starts in 令和8年度 (the plan's first year); next year's slots may be open.
  const years = selectableFiscalYears({ from: PLAN_FIRST_YEAR, ahead: 1 });
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), years);
  // Every view of this list is one audit line with the ids of the bookings shown.
  const rows = await listBookingsForWelfare(actorOf(args, viewer), fiscalYear);
  if (!rows) throw notFound();
  return { rows, fiscalYear, years, label: fiscalYearLabel(fiscalYear) };
}

export default function ManageBookings() {
  const { rows, fiscalYear, years, label } = useLoaderData<typeof loader>();
  return (
    <>
      <h2>{label}の予約一覧</h2>
      <p className="panel consult-privacy">
        この一覧は相談窓口の運営のためだけに使ってください。閲覧するたびに、閲覧者と表示した予約が記録されます。相談内容とメモは表示しません（担当のコンサルタントだけが見られます）。
      </p>
      <FiscalYearSwitcher years={years} value={fiscalYear} />
      <p>{rows.length}件</p>
      {rows.length === 0 ? null : (
        <TableScroll label="予約の一覧">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">相談日時</th>
                <th scope="col">コンサルタント</th>
                <th scope="col">職員番号</th>
                <th scope="col">氏名</th>
                <th scope="col">匿名</th>
                <th scope="col">状態</th>
                <th scope="col">予約した日時</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{slotText(r.startsAt, r.endsAt)}</td>
                  <td className="nowrap">{r.consultantName}</td>
                  <td>{r.staffNumber}</td>
                  <td className="nowrap">{r.employeeName}</td>
                  <td>{r.anonymous ? "匿名" : ""}</td>
                  <td>
                    <BookingStatusTag status={r.status} />
                  </td>
                  <td>{formatDateTimeJa(new Date(r.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
