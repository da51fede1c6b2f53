import { Link } from "@remix-run/react";
import { formatDateJa } from "~/lib/fiscal-year";
import type { CourseKind } from "~/services/training/rules";
import type { TrainingStats } from "~/services/training/stats.server";
import { KindTag } from "./tags";
import { TableScroll } from "~/components/table-scroll";

// 人材育成課's 研修管理 page: the 年度's figures and its course list.

export type CatalogueCourse = {
  id: number;
  title: string;
  kind: CourseKind;
  needsApproval: boolean;
  tierLabels: string[];
  sessionCount: number;
  openSessions: number;
  capacity: number;
  taken: number;
  waitlisted: number;
  firstStartsAt: Date | string | null;
};

export function YearSummary({ label, stats }: { label: string; stats: TrainingStats }) {
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{label}の状況</h2>
      <ul className="stat-list">
        <li>
          <span className="stat-list__label">研修</span> <strong>{stats.courses}</strong>件
        </li>
        <li>
          <span className="stat-list__label">実施済みの回 / 予定</span> <strong>{stats.sessionsHeld}</strong> / {stats.sessionsPlanned}回
        </li>
        <li>
          <span className="stat-list__label">申込（取消・差戻しを除く）</span> <strong>{stats.activeSignUps}</strong>件
        </li>
        <li>
          <span className="stat-list__label">キャンセル待ち</span> <strong>{stats.waitlisted}</strong>件
        </li>
        <li>
          <span className="stat-list__label">修了</span> <strong>{stats.completions}</strong>件（{stats.completers}名）
        </li>
      </ul>
    </section>
  );
}

export function CatalogueTable({ courses }: { courses: readonly CatalogueCourse[] }) {
  if (courses.length === 0) return <p className="muted">この年度の研修はまだありません。</p>;
  return (
      <TableScroll label="研修の一覧">
        <table className="table training-table">
          <thead>
            <tr>
              <th scope="col">研修</th>
              <th scope="col">種別</th>
              <th scope="col">対象</th>
              <th scope="col" className="training-nowrap">承認</th>
              <th scope="col" className="num training-nowrap">
                回（受付中）
              </th>
              <th scope="col" className="num training-nowrap">
                席 / 定員
              </th>
              <th scope="col" className="num training-nowrap">
                キャンセル待ち
              </th>
              <th scope="col">最初の回</th>
            </tr>
          </thead>
          <tbody>
            {courses.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/training/manage/courses/${c.id}`}>{c.title}</Link>
                </th>
                <td>
                  <KindTag kind={c.kind} />
                </td>
                <td>{c.tierLabels.length > 0 ? c.tierLabels.join("・") : "全職員"}</td>
                <td className="training-nowrap">{c.needsApproval ? "要" : "不要"}</td>
                <td className="num training-nowrap">
                  {c.sessionCount}（{c.openSessions}）
                </td>
                <td className="num training-nowrap">
                  {c.taken} / {c.capacity}
                </td>
                <td className="num training-nowrap">{c.waitlisted}</td>
                <td className="training-nowrap">{c.firstStartsAt ? formatDateJa(new Date(c.firstStartsAt)) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
  );
}
