import { Link } from "@remix-run/react";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import type { CourseKind, ElectiveProgress } from "~/services/training/rules";
import { formatSessionTime } from "~/services/training/time";
import type { EnrollmentStatus } from "~/services/training/transitions";
import { KindTag, StatusTag, type When } from "./tags";
import { TableScroll } from "~/components/table-scroll";

// The parts of the employee's /training page: their courses, elective progress, sign-ups.

export type MyCourse = {
  id: number;
  title: string;
  kind: CourseKind;
  needsApproval: boolean;
  sessionCount: number;
  openSessionCount: number;
  seatsLeft: number;
  myStatus: EnrollmentStatus | null;
  myWaitlistPosition: number | null;
  mySession: { seq: number; startsAt: When; endsAt: When } | null;
};

export type MyEnrollment = {
  id: number;
  courseId: number;
  courseTitle: string;
  seq: number;
  startsAt: When;
  endsAt: When;
  status: EnrollmentStatus;
  waitlistPosition: number | null;
  requestedAt: When;
};

/** The courses of my tiers, or the opt-in courses open to me, with my status on each. */
export function CourseTable({ caption, courses }: { caption: string; courses: readonly MyCourse[] }) {
  return (
    <TableScroll label={caption}>
      <table className="table training-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-name">研修</th>
            <th scope="col">種別</th>
            <th scope="col" className="col-wide">日程</th>
            <th scope="col" className="col-wide">あなたの状況</th>
          </tr>
        </thead>
        <tbody>
          {courses.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/training/courses/${c.id}`}>{c.title}</Link>
                {c.needsApproval ? <span className="muted training-note">所属長の承認が必要</span> : null}
              </th>
              <td>
                <KindTag kind={c.kind} />
              </td>
              <td>
                {c.sessionCount === 0 ? (
                  <span className="muted">日程未定</span>
                ) : (
                  <>
                    全{c.sessionCount}回
                    {c.openSessionCount > 0 ? (
                      <span className="training-note">
                        受付中 {c.openSessionCount}回（残り{c.seatsLeft}席）
                      </span>
                    ) : (
                      <span className="muted training-note">受付中の回はありません</span>
                    )}
                  </>
                )}
              </td>
              <td>
                {c.myStatus ? (
                  <>
                    <StatusTag status={c.myStatus} />
                    {c.myWaitlistPosition ? <span className="training-note">{c.myWaitlistPosition}番目</span> : null}
                    {c.mySession ? (
                      <span className="training-note">
                        第{c.mySession.seq}回 {formatSessionTime(new Date(c.mySession.startsAt), new Date(c.mySession.endsAt))}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <Link to={`/training/courses/${c.id}`}>{c.openSessionCount > 0 ? "日程を見て申し込む" : "詳細を見る"}</Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** "選択科目から N 科目以上" per tier, with a bar of done and planned. */
export function ElectiveProgressPanels({ progress }: { progress: readonly (ElectiveProgress & { tierLabel: string; rule: string })[] }) {
  if (progress.length === 0) return null;
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">選択科目の受講状況</h2>
      {progress.map((p) => (
        <div key={p.tierLabel} className={p.met ? "panel progress progress--met" : "panel progress"}>
          <p className="progress__rule">
            {p.tierLabel}: <strong>{p.rule}</strong>を修了
          </p>
          <p className="progress__figures">
            修了 <strong>{p.completed}</strong> / 必要 {p.required}科目（受講予定 {p.inProgress}科目
            {p.waitlisted > 0 ? `・キャンセル待ち ${p.waitlisted}科目` : ""}・対象の選択科目 {p.available}科目）
          </p>
          <div className="progress__bar" aria-hidden="true">
            <span style={{ width: `${Math.min(100, (p.completed / Math.max(1, p.required)) * 100)}%` }} className="progress__done" />
            <span
              style={{ width: `${Math.min(100 - Math.min(100, (p.completed / Math.max(1, p.required)) * 100), (p.inProgress / Math.max(1, p.required)) * 100)}%` }}
              className="progress__planned"
            />
          </div>
          <p className={p.met ? "progress__message progress__message--met" : "progress__message"}>{p.message}</p>
        </div>
      ))}
    </section>
  );
}

/** My sign-ups of the 年度. */
export function MyEnrollments({ enrollments }: { enrollments: readonly MyEnrollment[] }) {
  return (
    <section aria-labelledby="mine-title">
      <h2 id="mine-title">今年度の申込</h2>
      {enrollments.length > 0 ? (
        <TableScroll label="今年度の申込">
          <table className="table training-table">
            <thead>
              <tr>
                <th scope="col">研修</th>
                <th scope="col">回・日時</th>
                <th scope="col">状態</th>
                <th scope="col">申込日時</th>
              </tr>
            </thead>
            <tbody>
              {enrollments.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/training/courses/${e.courseId}`}>{e.courseTitle}</Link>
                  </th>
                  <td>
                    第{e.seq}回 {formatSessionTime(new Date(e.startsAt), new Date(e.endsAt))}
                  </td>
                  <td>
                    <StatusTag status={e.status} />
                    {e.waitlistPosition ? <span className="training-note">キャンセル待ち {e.waitlistPosition}番目</span> : null}
                  </td>
                  <td>{formatDateTimeJa(new Date(e.requestedAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="muted">今年度の申込はまだありません。</p>
      )}
    </section>
  );
}
