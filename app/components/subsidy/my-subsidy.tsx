import { Link } from "@remix-run/react";
import { formatDateJa, formatDateTimeJa } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import type { SubsidyStatus } from "~/services/subsidy/labels";
import { StatusTag } from "./status-tag";
import { TableScroll } from "~/components/table-scroll";

// The employee's own part of /subsidy: what they received this 年度 and their applications.

/** 支払済, 交付決定 and what the yearly cap still leaves. */
export function MyFigures({
  receipts,
  scheme,
  yearlyLeft,
}: {
  receipts: { paid: number; approved: number };
  scheme: { perPersonYearlyCap: number } | null;
  yearlyLeft: number | null;
}) {
  return (
    <div className="subsidy-figures">
      <div className="card">
        <p className="subsidy-figures__label">支払済</p>
        <p className="subsidy-figures__value">{formatYen(receipts.paid)}</p>
      </div>
      <div className="card">
        <p className="subsidy-figures__label">交付決定（支払待ち）</p>
        <p className="subsidy-figures__value">{formatYen(receipts.approved)}</p>
      </div>
      {scheme ? (
        <div className="card">
          <p className="subsidy-figures__label">今年度の上限額の残り</p>
          <p className="subsidy-figures__value">{formatYen(yearlyLeft ?? 0)}</p>
          <p className="muted subsidy-figures__note">年度上限 {formatYen(scheme.perPersonYearlyCap)}</p>
        </div>
      ) : null}
    </div>
  );
}

type MyApplication = { id: string; certificationName: string; passDate: string; status: SubsidyStatus; amount: number; updatedAt: Date | string | number };

export function MyApplicationsTable({ applications }: { applications: MyApplication[] }) {
  return applications.length === 0 ? (
    <p>今年度の申請はまだありません。</p>
  ) : (
    <TableScroll label="今年度のあなたの申請">
      <table className="table">
        <caption className="visually-hidden">今年度のあなたの申請</caption>
        <thead>
          <tr>
            <th scope="col">資格</th>
            <th scope="col">合格日</th>
            <th scope="col">状態</th>
            <th scope="col" className="num">
              助成額
            </th>
            <th scope="col">更新</th>
          </tr>
        </thead>
        <tbody>
          {applications.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/subsidy/${a.id}`}>{a.certificationName}</Link>
              </td>
              <td>{formatDateJa(a.passDate)}</td>
              <td>
                <StatusTag status={a.status} />
              </td>
              <td className="num">{formatYen(a.amount)}</td>
              <td>{formatDateTimeJa(new Date(a.updatedAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
