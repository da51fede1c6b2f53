import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { MyCourseEnrollments, SessionList } from "~/components/training/course-sessions";
import { KindTag } from "~/components/training/tags";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice, type NoticeKey } from "~/lib/notices";
import { formRefusal } from "~/services/contract/refusal";
import { cancelOwn, changeSession, signUp } from "~/services/training/enrollment-mutations.server";
import { getCourseForEmployee } from "~/services/training/employee-queries.server";
import { drawDueLotteries } from "~/services/training/lottery.server";
import { COURSE_KIND_LABELS } from "~/services/training/rules";
import { enrollmentActionSchema, parseRouteId } from "~/services/training/schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "研修"} | かわさき人財ポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  await drawDueLotteries();
  const courseId = parseRouteId(args.params.courseId);
  const data = courseId === null ? null : await getCourseForEmployee({ viewer, courseId });
  if (!data) throw notFound();
  return { ...data, fiscalYearLabel: fiscalYearLabel(data.course.fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const courseId = parseRouteId(args.params.courseId);
  if (courseId === null) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: enrollmentActionSchema });
  if (submission.status !== "success") return { error: "送信内容が正しくありません。ページを再読み込みしてやり直してください。" };
  const actor = actorOf(args, viewer);
  const v = submission.value;
  if (v.intent === "signup") {
    const r = await signUp({ actor, courseSessionId: v.courseSessionId });
    if (!r.ok) return { error: formRefusal(r.refusal).message };
    const key: NoticeKey = r.already
      ? "training-already"
      : r.status === "applied"
        ? "training-applied"
        : r.status === "applied_pending"
          ? "training-applied-pending"
          : r.status === "waitlisted"
        ? "training-waitlisted"
        : r.status === "pending"
          ? "training-pending"
          : "training-signed-up";
    return redirect(withNotice(`/training/courses/${r.courseId}`, key));
  }
  if (v.intent === "change") {
    const r = await changeSession({ actor, enrollmentId: v.enrollmentId, toSessionId: v.toSessionId });
    if (!r.ok) return { error: formRefusal(r.refusal).message };
    const key: NoticeKey = r.status === "waitlisted" ? "training-changed-waitlisted" : r.status === "pending" ? "training-changed-pending" : "training-changed";
    return redirect(withNotice(`/training/courses/${r.courseId}`, key));
  }
  const r = await cancelOwn({ actor, enrollmentId: v.enrollmentId });
  if (!r.ok) return { error: formRefusal(r.refusal).message };
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
      <SessionList sessions={d.sessions} busy={busy} />

      <h2>あなたの申込</h2>
      <MyCourseEnrollments enrollments={d.enrollments} busy={busy} />
    </>
  );
}
