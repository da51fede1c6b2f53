import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { ErrorSummary } from "~/components/form";
import { SessionFields } from "~/components/training/catalogue-fields";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { getSession, updateSession } from "~/services/training/catalogue.server";
import { parseRouteId, sessionFormSchema } from "~/services/training/schemas";
import { toJstDateInput, toJstLocalInput, toJstTimeInput } from "~/services/training/time";

export const meta: MetaFunction = () => [{ title: "回を編集 | 研修管理" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.sessionId);
  const found = id === null ? null : await getSession(id);
  if (!found) throw notFound();
  const { session: s, course } = found;
  return {
    course: { id: course.id, title: course.title, fiscalYear: course.fiscalYear },
    label: fiscalYearLabel(course.fiscalYear),
    seq: s.seq,
    sessionId: s.id,
    defaults: {
      date: toJstDateInput(s.startsAt),
      startTime: toJstTimeInput(s.startsAt),
      endTime: toJstTimeInput(s.endsAt),
      venue: s.venue ?? "",
      online: s.online ? "on" : undefined,
      capacity: String(s.capacity),
      signupOpensAt: toJstLocalInput(s.signupOpensAt),
      signupClosesAt: toJstLocalInput(s.signupClosesAt),
      cancelDeadline: toJstLocalInput(s.cancelDeadline),
      status: s.status,
      allocation: s.allocation,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.sessionId);
  const found = id === null ? null : await getSession(id);
  if (!found) throw notFound();
  const formData = await args.request.formData();
  formData.set("fiscalYear", String(found.course.fiscalYear));
  const submission = parseWithZod(formData, { schema: sessionFormSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await updateSession(actorOf(args, viewer), found.session.id, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/training/manage/sessions/${found.session.id}`, "training-session-saved"));
}

export default function EditSession() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `session-${d.sessionId}`,
    lastResult,
    defaultValue: d.defaults,
    onValidate: ({ formData }) => {
      formData.set("fiscalYear", String(d.course.fiscalYear));
      return parseWithZod(formData, { schema: sessionFormSchema });
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p>
        <Link to={`/training/manage/sessions/${d.sessionId}`}>← 第{d.seq}回の名簿</Link>
      </p>
      <h1>
        第{d.seq}回を編集: {d.course.title}
      </h1>
      <p className="muted">
        {d.label}の日付を入力してください。日時はすべて日本時間です。定員を増やすと、キャンセル待ちの方が申込順に繰り上がります。
      </p>
      <Form method="post" {...getFormProps(form)} className="panel form-panel">
        <ErrorSummary form={form} />
        <SessionFields fields={fields} />
        <button type="submit" className="button">
          保存する
        </button>
      </Form>
    </>
  );
}
