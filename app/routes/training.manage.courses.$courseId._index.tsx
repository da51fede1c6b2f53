import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { ErrorSummary } from "~/components/form";
import { CourseFields } from "~/components/training/catalogue-fields";
import { SeatsText } from "~/components/training/tags";
import { fiscalYearLabel, formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { getCourseForManage, tierChoices, updateCourse } from "~/services/training/catalogue.server";
import { courseFormSchema, parseRouteId } from "~/services/training/schemas";
import { formatSessionTime } from "~/services/training/time";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "研修"} | 研修管理` }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.courseId);
  const data = id === null ? null : await getCourseForManage(id);
  if (!data) throw notFound();
  return {
    ...data,
    now: new Date().toISOString(),
    label: fiscalYearLabel(data.course.fiscalYear),
    tiers: await tierChoices(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.courseId);
  if (id === null) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: courseFormSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await updateCourse(actorOf(args, viewer), id, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/training/manage/courses/${id}`, "training-course-saved"));
}

export default function ManageCourse() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const c = d.course;
  const [form, fields] = useForm({
    id: `course-${c.id}`,
    lastResult,
    defaultValue: {
      fiscalYear: String(c.fiscalYear),
      title: c.title,
      description: c.description,
      kind: c.kind,
      needsApproval: c.needsApproval ? "on" : undefined,
      tierCodes: c.tierCodes,
      lotteryApproval: c.lotteryApproval,
      lotteryPriorities: c.lotteryPriorities,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: courseFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p>
        <Link to={`/training/manage?fy=${c.fiscalYear}`}>← 研修管理（{d.label}）</Link>
      </p>
      <h1>{c.title}</h1>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">日程（回）</h2>
        <p>
          <Link className="button" to={`/training/manage/courses/${c.id}/sessions/new`}>
            回を追加
          </Link>
        </p>
        {d.sessions.length === 0 ? (
          <p className="muted">回はまだありません。</p>
        ) : (
          <TableScroll label="回の一覧">
            <table className="table training-table">
              <thead>
                <tr>
                  <th scope="col">回</th>
                  <th scope="col">日時</th>
                  <th scope="col">会場</th>
                  <th scope="col">申込状況</th>
                  <th scope="col">申込期間</th>
                  <th scope="col">受付</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">第{s.seq}回</th>
                    <td>{formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}</td>
                    <td>{[s.online ? "オンライン" : null, s.venue].filter(Boolean).join("・")}</td>
                    <td>
                      <SeatsText capacity={s.capacity} taken={s.taken} waitlisted={s.waitlisted} />
                    </td>
                    <td>
                      {formatDateTimeJa(new Date(s.signupOpensAt))}〜
                      <br />
                      {formatDateTimeJa(new Date(s.signupClosesAt))}
                    </td>
                    <td className="training-nowrap">
                      {s.status === "called_off" ? (
                        <span className="tag tag--warn">中止</span>
                      ) : new Date(s.startsAt) <= new Date(d.now) ? (
                        <span className="tag tag--muted">開始済み</span>
                      ) : s.status === "open" ? (
                        <span className="tag tag--ok">受付中</span>
                      ) : (
                        <span className="tag tag--muted">受付終了</span>
                      )}
                    </td>
                    <td>
                      <Link to={`/training/manage/sessions/${s.id}`}>名簿</Link>
                      {s.status === "called_off" ? null : (
                        <>
                          {" ／ "}
                          <Link to={`/training/manage/sessions/${s.id}/edit`}>編集</Link>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">研修の内容</h2>
        <Form method="post" {...getFormProps(form)} className="panel form-panel">
          <ErrorSummary form={form} />
          <input type="hidden" name="fiscalYear" value={c.fiscalYear} />
          <CourseFields fields={fields} tiers={d.tiers} />
          <button type="submit" className="button">
            保存する
          </button>
        </Form>
      </section>
    </>
  );
}
