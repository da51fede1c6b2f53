import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { ErrorSummary } from "~/components/form";
import { CourseFields } from "~/components/training/catalogue-fields";
import { fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { createCourse, tierChoices } from "~/services/training/catalogue.server";
import { courseFormSchema } from "~/services/training/schemas";

export const meta: MetaFunction = () => [{ title: "研修を追加 | 研修管理" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), selectableFiscalYears({ ahead: 2 }));
  return { fiscalYear, label: fiscalYearLabel(fiscalYear), tiers: await tierChoices() };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const submission = parseWithZod(await args.request.formData(), { schema: courseFormSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await createCourse(actorOf(args, viewer), submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/training/manage/courses/${r.courseId}`, "training-course-saved"));
}

export default function NewCourse() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { fiscalYear: String(d.fiscalYear), kind: "elective", tierCodes: [], lotteryApproval: "after", lotteryPriorities: ["elective_unmet", "first_time"] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: courseFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p>
        <Link to={`/training/manage?fy=${d.fiscalYear}`}>← 研修管理（{d.label}）</Link>
      </p>
      <h1>研修を追加（{d.label}）</h1>
      <Form method="post" {...getFormProps(form)} className="panel form-panel">
        <ErrorSummary form={form} />
        <input type="hidden" name="fiscalYear" value={d.fiscalYear} />
        <CourseFields fields={fields} tiers={d.tiers} />
        <button type="submit" className="button">
          研修を追加する
        </button>
      </Form>
    </>
  );
}
