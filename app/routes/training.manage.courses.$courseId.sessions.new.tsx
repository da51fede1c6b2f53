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
import { createSession, getCourse } from "~/services/training/catalogue.server";
import { parseRouteId, sessionFormSchema } from "~/services/training/schemas";

export const meta: MetaFunction = () => [{ title: "回を追加 | 研修管理" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.courseId);
  const course = id === null ? null : await getCourse(id);
  if (!course) throw notFound();
  return { course: { id: course.id, title: course.title, fiscalYear: course.fiscalYear }, label: fiscalYearLabel(course.fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.courseId);
  const course = id === null ? null : await getCourse(id);
  if (!course) throw notFound();
  const formData = await args.request.formData();
  // The 年度 comes from the course, never from the form.
  formData.set("fiscalYear", String(course.fiscalYear));
  const submission = parseWithZod(formData, { schema: sessionFormSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await createSession(actorOf(args, viewer), course.id, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/training/manage/courses/${course.id}`, "training-session-saved"));
}

export default function NewSession() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { startTime: "09:30", endTime: "17:00", capacity: "40", status: "open", allocation: "first_come" },
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
        <Link to={`/training/manage/courses/${d.course.id}`}>← {d.course.title}</Link>
      </p>
      <h1>回を追加: {d.course.title}</h1>
      <p className="muted">{d.label}の日付を入力してください。日時はすべて日本時間です。</p>
      <Form method="post" {...getFormProps(form)} className="panel form-panel">
        <ErrorSummary form={form} />
        <SessionFields fields={fields} />
        <button type="submit" className="button">
          回を追加する
        </button>
      </Form>
    </>
  );
}
