import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { fiscalYearLabel, formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice, type NoticeKey } from "~/lib/notices";
import { cancelOwn, signUp } from "~/services/training/enrollments.server";
import { getCourseForEmployee } from "~/services/training/queries.server";
import { COURSE_KIND_LABELS } from "~/services/training/rules";
import { enrollmentActionSchema, parseRouteId } from "~/services/training/schemas";
import { formatSessionTime } from "~/services/training/time";
import { EnrollmentHistory, KindTag, SeatsText, StatusTag } from "~/services/training/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "研修"} | かわさき人財ポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const courseId = parseRouteId(args.params.courseId);
  const data = courseId === null ? null : getCourseForEmployee(viewer.id, courseId);
  if (!data) throw notFound();
  return { ...data, fiscalYearLabel: fiscalYearLabel(data.course.fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const courseId = parseRouteId(args.params.courseId);
  if (courseId === null) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: enrollmentActionSchema });
  if (submission.status !== "success") return { error: "送信内容が正しくありません。ページを再読み込みしてやり直してください。" };
  const actor = { id: viewer.id, ip: args.context.ip };
  const v = submission.value;
  if (v.intent === "signup") {
    const r = signUp({ actor, courseSessionId: v.courseSessionId });
    if (!r.ok) {
      if (r.notFound) throw notFound();
      return { error: r.error };
    }
    const key: NoticeKey = r.already
      ? "training-already"
      : r.status === "waitlisted"
        ? "training-waitlisted"
        : r.status === "pending"
          ? "training-pending"
          : "training-signed-up";
    return redirect(withNotice(`/training/courses/${r.courseId}`, key));
  }
  const r = cancelOwn({ actor, enrollmentId: v.enrollmentId });
  if (!r.ok) {
    if (r.notFound) throw notFound();
    return { error: r.error };
  }
  return redirect(withNotice(`/training/courses/${r.courseId}`, "training-cancelled"));
}

export default function CourseDetail() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const c = d.course;
  return (
    <>
      <p>
        <Link to="/training">← 階層別研修</Link>
      </p>
      <h1>{c.title}</h1>
      {result?.error ? (
        <div className="form-errors" role="alert">
          <p>{result.error}</p>
        </div>
      ) : null}
      <dl className="profile">
        <div className="profile__row">
          <dt>年度</dt>
          <dd>{d.fiscalYearLabel}</dd>
        </div>
        <div className="profile__row">
          <dt>種別</dt>
          <dd>
            <KindTag kind={c.kind} /> {COURSE_KIND_LABELS[c.kind]}
            {c.kind === "elective" ? "（選択科目）" : c.kind === "optIn" ? "（希望制）" : "（必修）"}
          </dd>
        </div>
        <div className="profile__row">
          <dt>対象</dt>
          <dd>{d.tierLabels.length > 0 ? d.tierLabels.join("・") : "すべての職員"}</dd>
        </div>
        <div className="profile__row">
          <dt>所属長の承認</dt>
          <dd>{c.needsApproval ? "必要（申込で席を確保し、所属長の承認で受講が決定します）" : "不要（申込で受講が決定します）"}</dd>
        </div>
      </dl>
      {c.description ? <p className="training-description">{c.description}</p> : null}
      {!d.eligible ? (
        <p className="panel" role="note">
          この研修は{d.tierLabels.join("・")}が対象です。あなたは今年度の対象ではないため申し込めません。
        </p>
      ) : null}

      <h2>日程と申込</h2>
      {d.sessions.length === 0 ? <p className="muted">日程はまだ決まっていません。</p> : null}
      <ul className="session-list">
        {d.sessions.map((s) => (
          <li key={s.id} className="panel session" id={`session-${s.id}`}>
            <h3 className="session__title">
              第{s.seq}回 {formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}
            </h3>
            <dl className="session__facts">
              <div>
                <dt>会場</dt>
                <dd>{[s.online ? "オンライン" : null, s.venue].filter(Boolean).join("・") || "未定"}</dd>
              </div>
              <div>
                <dt>申込状況</dt>
                <dd>
                  <SeatsText capacity={s.capacity} taken={s.taken} waitlisted={s.waitlisted} />
                </dd>
              </div>
              <div>
                <dt>申込期間</dt>
                <dd>
                  {formatDateTimeJa(new Date(s.signupOpensAt))}〜{formatDateTimeJa(new Date(s.signupClosesAt))}
                  {s.status === "closed" ? <span className="tag tag--muted training-note">受付終了</span> : null}
                </dd>
              </div>
              <div>
                <dt>キャンセル期限</dt>
                <dd>{formatDateTimeJa(new Date(s.cancelDeadline))}</dd>
              </div>
            </dl>
            {s.canSignUp ? (
              <Form method="post" className="session__action">
                <input type="hidden" name="intent" value="signup" />
                <input type="hidden" name="courseSessionId" value={s.id} />
                <button type="submit" className="button" disabled={busy}>
                  {s.full ? `第${s.seq}回のキャンセル待ちに登録する` : `第${s.seq}回に申し込む`}
                </button>
                {s.full ? <span className="muted">満席です。空きが出ると申込順に繰り上がります。</span> : null}
              </Form>
            ) : s.refusal ? (
              <p className="muted session__action">{s.refusal}</p>
            ) : null}
          </li>
        ))}
      </ul>

      <h2>あなたの申込</h2>
      {d.enrollments.length === 0 ? <p className="muted">この研修への申込はありません。</p> : null}
      {d.enrollments.map((e) => (
        <section key={e.id} className="panel" aria-label={`第${e.seq}回への申込`}>
          <p>
            <StatusTag status={e.status} /> 第{e.seq}回 {formatSessionTime(new Date(e.startsAt), new Date(e.endsAt))}
            {e.waitlistPosition ? (
              <strong className="training-note">キャンセル待ち {e.waitlistPosition}番目</strong>
            ) : null}
          </p>
          <EnrollmentHistory history={e.history} />
          {e.canCancel ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="enrollmentId" value={e.id} />
              <button type="submit" className="button button--secondary" disabled={busy}>
                {e.status === "waitlisted" ? "キャンセル待ちを取り下げる" : "申込をキャンセルする"}
              </button>{" "}
              <span className="muted">キャンセル期限: {formatDateTimeJa(new Date(e.cancelDeadline))}</span>
            </Form>
          ) : e.cancelRefusal ? (
            <p className="muted">{e.cancelRefusal}</p>
          ) : null}
        </section>
      ))}
    </>
  );
}
