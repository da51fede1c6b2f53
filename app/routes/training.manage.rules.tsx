import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { ErrorSummary, FieldErrors } from "~/components/form";
import { fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { listElectiveRules, saveElectiveRules } from "~/services/training/catalogue.server";
import { electiveRulesFormSchema } from "~/services/training/schemas";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "選択科目のルール | 研修管理" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), selectableFiscalYears({ ahead: 2 }));
  return { fiscalYear, label: fiscalYearLabel(fiscalYear), rules: await listElectiveRules(fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const submission = parseWithZod(await args.request.formData(), { schema: electiveRulesFormSchema });
  if (submission.status !== "success") return submission.reply();
  const { fiscalYear, rules } = submission.value;
  const r = await saveElectiveRules(actorOf(args, viewer), fiscalYear, rules);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/training/manage/rules?fy=${fiscalYear}`, "training-rules-saved"));
}

export default function ElectiveRules() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `rules-${d.fiscalYear}`,
    lastResult,
    defaultValue: {
      fiscalYear: String(d.fiscalYear),
      rules: d.rules.map((r) => ({ tierCode: r.tierCode, minElectives: r.minElectives === null ? "" : String(r.minElectives) })),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: electiveRulesFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const list = fields.rules.getFieldList();
  return (
    <>
      <p>
        <Link to={`/training/manage?fy=${d.fiscalYear}`}>← 研修管理（{d.label}）</Link>
      </p>
      <h1>選択科目のルール（{d.label}）</h1>
      <p>階層ごとに「選択科目から何科目以上を修了するか」を決めます。空欄の階層にはルールがありません。職員の研修ページに進み具合が表示されます。</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} />
        <input type="hidden" name="fiscalYear" value={d.fiscalYear} />
        <TableScroll label="階層ごとの選択ルール">
          <table className="table rules-table">
            <thead>
              <tr>
                <th scope="col">階層</th>
                <th scope="col">必要な科目数</th>
                <th scope="col" className="num">
                  対象の選択科目
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((item, i) => {
                const row = d.rules[i]!;
                const f = item.getFieldset();
                const input = getInputProps(f.minElectives, { type: "number" });
                return (
                  <tr key={item.key}>
                    <th scope="row">
                      <label htmlFor={f.minElectives.id}>{row.label}</label>
                    </th>
                    <td>
                      <input {...getInputProps(f.tierCode, { type: "hidden" })} key={f.tierCode.key} />
                      選択科目から <input {...input} key={input.key} className="input-short" min={0} max={20} inputMode="numeric" /> 科目以上
                      <FieldErrors id={f.minElectives.errorId} errors={f.minElectives.errors} />
                    </td>
                    <td className="num">
                      {row.electiveCourses}科目
                      {row.minElectives !== null && row.electiveCourses < row.minElectives ? (
                        <span className="tag training-note">不足</span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        <p>
          <button type="submit" className="button">
            保存する
          </button>
        </p>
      </Form>
    </>
  );
}
