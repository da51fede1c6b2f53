import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { createCourse } from "~/services/training/catalogue.server";
import { courseFormSchema } from "~/services/training/schemas";
import { listTiers } from "~/services/training/store.server";
import { CourseFields } from "~/services/training/ui";

export const meta: MetaFunction = () => [{ title: "研修を追加 | 研修管理" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), selectableFiscalYears({ ahead: 2 }));
  return { fiscalYear, label: fiscalYearLabel(fiscalYear), tiers: listTiers().map((t) => ({ code: t.code, label: t.label })) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const submission = parseWithZod(await args.request.formData(), { schema: courseFormSchema });
  if (submission.status !== "success") return submission.reply();
  const r = createCourse({ id: viewer.id, ip: args.context.ip }, submission.value);
  if (!r.ok) return submission.reply(r.field ? { fieldErrors: { [r.field]: [r.error] } } : { formErrors: [r.error] });
  return redirect(withNotice(`/training/manage/courses/${r.courseId}`, "training-course-saved"));
}

export default function NewCourse() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { fiscalYear: String(d.fiscalYear), kind: "elective", tierCodes: [] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: courseFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p>
        <Link to={`/training/manage?fy=${d.fiscalYear}`}>← 研修管理（{d.label}）</Link>
      </p>
      <h1>研修を追加（{d.label}）</h1>
      <Form method="post" {...getFormProps(form)} className="panel form-panel">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="fiscalYear" value={d.fiscalYear} />
        <CourseFields fields={fields} tiers={d.tiers} />
        <button type="submit" className="button">
          研修を追加する
        </button>
      </Form>
    </>
  );
}
