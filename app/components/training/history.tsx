import { Form, Link } from "@remix-run/react";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { formatSessionTime } from "~/services/training/time";
import type { EnrollmentStatus } from "~/services/training/transitions";
import { StatusTag, type When } from "./tags";
import { TableScroll } from "~/components/table-scroll";

// 受講歴: one person's trainings of every 年度 (the person, their supervisor, 人材育成課).

export type HistoryRow = { enrollmentId: number; fiscalYear: number; courseId: number; courseTitle: string; seq: number; startsAt: When; endsAt: When; status: EnrollmentStatus };

/** The 年度 filter: every year the person has a record in, or all of them. Works without JavaScript. */
export function HistoryYearFilter({ years, value, employeeId }: { years: readonly number[]; value: number | null; employeeId: string | null }) {
  return (
    <Form method="get" className="button-row">
      {employeeId ? <input type="hidden" name="employee" value={employeeId} /> : null}
      <div className="field">
        <label htmlFor="fy">年度</label>
        <select id="fy" name="fy" defaultValue={value ?? "all"}>
          <option value="all">すべての年度</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {fiscalYearLabel(y)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        表示
      </button>
    </Form>
  );
}

/** The trainings, newest first; the course links to its page only for the person themself. */
export function HistoryTable({ rows, linkCourses }: { rows: readonly HistoryRow[]; linkCourses: boolean }) {
  if (rows.length === 0) return <p className="muted">この条件の受講歴はありません。</p>;
  return (
    <TableScroll label="受講歴の表">
      <table className="table">
        <caption className="visually-hidden">受講歴</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">研修</th>
            <th scope="col">回・日時</th>
            <th scope="col">状況</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.enrollmentId}>
              <td className="nowrap">{fiscalYearLabel(r.fiscalYear)}</td>
              <th scope="row">{linkCourses ? <Link to={`/training/courses/${r.courseId}`}>{r.courseTitle}</Link> : r.courseTitle}</th>
              <td>
                第{r.seq}回 {formatSessionTime(new Date(r.startsAt), new Date(r.endsAt))}
              </td>
              <td>
                <StatusTag status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
