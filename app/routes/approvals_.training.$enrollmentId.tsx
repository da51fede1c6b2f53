import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireSupervisorOf, requireUser, type AuthArgs } from "~/auth/permissions.server";
import { ErrorSummary, TextAreaField } from "~/components/form";
import { EnrollmentHistory } from "~/components/training/enrollment-history";
import { KindTag, StatusTag } from "~/components/training/tags";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { enrollmentEmployeeId, getApprovalItem } from "~/services/training/approval-queries.server";
import { decideAsSupervisor } from "~/services/training/enrollment-mutations.server";
import { approvalActionSchema, parseRouteId } from "~/services/training/schemas";
import { formatSessionTime } from "~/services/training/time";

export const meta: MetaFunction = () => [{ title: "研修申込の承認 | かわさき人財ポータル" }];

/** The enrollment id when the viewer is the current supervisor of its employee; else 404. */
async function requireOwnSubordinatesEnrollment(args: AuthArgs & { params: { enrollmentId?: string } }) {
  requireUser(args);
  const id = parseRouteId(args.params.enrollmentId);
  const employeeId = id === null ? null : await enrollmentEmployeeId(id);
  if (id === null || employeeId === null) throw notFound();
  const viewer = await requireSupervisorOf(args, employeeId);
  return { id, viewer };
}

export async function loader(args: LoaderFunctionArgs) {
  const { id, viewer } = await requireOwnSubordinatesEnrollment(args);
  const item = await getApprovalItem({ viewer, enrollmentId: id });
  if (!item) throw notFound();
  return { item };
}

export async function action(args: ActionFunctionArgs) {
  const { id, viewer } = await requireOwnSubordinatesEnrollment(args);
  const submission = parseWithZod(await args.request.formData(), { schema: approvalActionSchema });
  if (submission.status !== "success") return submission.reply();
  const v = submission.value;
  const r = await decideAsSupervisor({
    actor: actorOf(args, viewer),
    enrollmentId: id,
    decision: v.intent,
    comment: v.intent === "return" ? v.comment : null,
  });
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice("/approvals", v.intent === "approve" ? "training-approved" : "training-returned"));
}

export default function TrainingApproval() {
  const { item } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: approvalActionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const commentField = fields.comment as Parameters<typeof TextAreaField>[0]["field"];
  return (
    <>
      <p>
        <Link to="/approvals">← 承認</Link>
      </p>
      <h1>研修申込の承認</h1>
      <ErrorSummary form={form} />
      <dl className="profile">
        <div className="profile__row">
          <dt>申込者</dt>
          <dd>
            {item.employeeName}（{item.staffNumber}・{item.rank ?? "職位未登録"}）
          </dd>
        </div>
        <div className="profile__row">
          <dt>所属</dt>
          <dd>{item.orgPath ?? "—"}</dd>
        </div>
        <div className="profile__row">
          <dt>研修</dt>
          <dd>
            <KindTag kind={item.course.kind} /> {item.course.title} 第{item.session.seq}回
          </dd>
        </div>
        <div className="profile__row">
          <dt>日時・会場</dt>
          <dd>
            {formatSessionTime(new Date(item.session.startsAt), new Date(item.session.endsAt))}・
            {[item.session.online ? "オンライン" : null, item.session.venue].filter(Boolean).join("・") || "未定"}
          </dd>
        </div>
        <div className="profile__row">
          <dt>階層</dt>
          <dd>{item.tierLabel ?? "—"}</dd>
        </div>
        <div className="profile__row">
          <dt>状態</dt>
          <dd>
            <StatusTag status={item.status} />（申込: {formatDateTimeJa(new Date(item.requestedAt))}）
          </dd>
        </div>
      </dl>
      {item.course.description ? <p className="training-description">{item.course.description}</p> : null}
      <h2>履歴</h2>
      <EnrollmentHistory history={item.history} showNames />
      {item.actions.length > 0 ? (
        <>
          <h2>判断</h2>
          {item.actions
            .filter((a) => !a.needsComment)
            .map((a) => (
              <div key={a.action} className="button-row">
                <Form method="post">
                  <input type="hidden" name="intent" value={a.action} />
                  <button type="submit" className="button">
                    {a.label}
                  </button>
                </Form>
              </div>
            ))}
          {item.actions
            .filter((a) => a.needsComment)
            .map((a) => (
              <Form key={a.action} method="post" {...getFormProps(form)} className="panel">
                <input type="hidden" name="intent" value={a.action} />
                <TextAreaField label="差戻しの理由" field={commentField} required hint="申込者に通知されます（500文字以内）。" />
                <button type="submit" className="button button--secondary">
                  {a.label}
                </button>
              </Form>
            ))}
        </>
      ) : (
        <p className="muted">この申込はすでに処理されています。</p>
      )}
    </>
  );
}
