import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { currentFiscalYear, fiscalYearLabel, formatDateTimeJa } from "~/lib/fiscal-year";
import { getMyTraining } from "~/services/training/queries.server";
import { formatSessionTime } from "~/services/training/time";
import { KindTag, StatusTag } from "~/services/training/ui";

export const meta: MetaFunction = () => [{ title: "階層別研修 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const fiscalYear = currentFiscalYear();
  const data = getMyTraining(viewer.id, fiscalYear);
  if (!data) throw notFound();
  return { ...data, fiscalYearLabel: fiscalYearLabel(fiscalYear) };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type CourseRow = Data["tierCourses"][number];

function CourseTable({ caption, courses }: { caption: string; courses: CourseRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table training-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">研修</th>
            <th scope="col">種別</th>
            <th scope="col">日程</th>
            <th scope="col">あなたの状況</th>
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
    </div>
  );
}

export default function TrainingHome() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>階層別研修</h1>
      <p>
        {d.fiscalYearLabel}
        {d.tiers.length > 0 ? (
          <>
            ・あなたの階層: <strong>{d.tiers.join("・")}</strong>
          </>
        ) : (
          <>・今年度、階層別研修の対象階層にはあたりません。希望制の研修には申し込めます。</>
        )}
      </p>
      <p>
        <a href="/training/calendar.ics" download>
          受講が決まった研修をカレンダーに取り込む（.ics ファイル）
        </a>
      </p>

      {d.progress.length > 0 ? (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">選択科目の受講状況</h2>
          {d.progress.map((p) => (
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
      ) : null}

      <section aria-labelledby="tier-title">
        <h2 id="tier-title">{d.tiers.length > 0 ? `${d.tiers.join("・")}の研修` : "階層別研修"}</h2>
        {d.tierCourses.length > 0 ? (
          <CourseTable caption={`${d.tiers.join("・")}の研修`} courses={d.tierCourses} />
        ) : (
          <p className="muted">今年度、あなたの階層を対象とする研修はありません。</p>
        )}
      </section>

      <section aria-labelledby="optin-title">
        <h2 id="optin-title">希望制の研修</h2>
        <p className="muted">関心やキャリアに合わせて、希望して受講できる研修です。</p>
        {d.optInCourses.length > 0 ? (
          <CourseTable caption="希望制の研修" courses={d.optInCourses} />
        ) : (
          <p className="muted">申し込める希望制の研修はありません。</p>
        )}
      </section>

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">今年度の申込</h2>
        {d.enrollments.length > 0 ? (
          <div className="table-wrap">
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
                {d.enrollments.map((e) => (
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
          </div>
        ) : (
          <p className="muted">今年度の申込はまだありません。</p>
        )}
      </section>
      <p className="muted">日付・時刻はすべて日本時間です。</p>
    </>
  );
}
