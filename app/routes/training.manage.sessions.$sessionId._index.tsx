import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { fiscalYearLabel, formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { setSessionStatus } from "~/services/training/catalogue.server";
import { markAttendance, removeByHrDev } from "~/services/training/enrollments.server";
import { getRoster } from "~/services/training/roster.server";
import { parseRouteId, rosterActionSchema } from "~/services/training/schemas";
import { formatSessionTime } from "~/services/training/time";
import { StatusTag } from "~/services/training/ui";

export const meta: MetaFunction = () => [{ title: "名簿 | 研修管理" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.sessionId);
  const roster = id === null ? null : getRoster(id);
  if (!roster) throw notFound();
  return { ...roster, label: fiscalYearLabel(roster.course.fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.sessionId);
  if (id === null) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: rosterActionSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0];
    return { error: first ?? "送信内容が正しくありません。" };
  }
  const actor = { id: viewer.id, ip: args.context.ip };
  const self = `/training/manage/sessions/${id}`;
  const v = submission.value;
  if (v.intent === "mark") {
    const ids = v.all === "confirmed" ? (getRoster(id)?.people ?? []).filter((p) => p.status === "confirmed").map((p) => p.id) : v.enrollmentIds;
    if (ids.length === 0) return { error: "記録する対象者がいません。" };
    const r = markAttendance({ actor, courseSessionId: id, enrollmentIds: ids, mark: v.mark });
    if (!r.ok) {
      if (r.notFound) throw notFound();
      return { error: r.error };
    }
    return redirect(withNotice(self, "training-marked"));
  }
  if (v.intent === "remove") {
    const r = removeByHrDev({ actor, enrollmentId: v.enrollmentId, courseSessionId: id, comment: v.comment });
    if (!r.ok) {
      if (r.notFound) throw notFound();
      return { error: r.error };
    }
    return redirect(withNotice(self, "training-removed"));
  }
  if (!setSessionStatus(actor, id, v.status)) throw notFound();
  return redirect(withNotice(self, v.status === "open" ? "training-session-opened" : "training-session-closed"));
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>["people"][number];

function RemoveControl({ p }: { p: Person }) {
  if (!p.canRemove) return null;
  return (
    <details className="roster__remove">
      <summary>取り消す</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="enrollmentId" value={p.id} />
        <div className="field">
          <label htmlFor={`remove-${p.id}`}>取消の理由（本人に通知されます）</label>
          <textarea id={`remove-${p.id}`} name="comment" rows={2} maxLength={500} required />
        </div>
        <button type="submit" className="button button--danger">
          {p.name}さんの申込を取り消す
        </button>
      </Form>
    </details>
  );
}

export default function Roster() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const s = d.session;
  const seated = d.people.filter((p) => !["waitlisted", "cancelled", "rejected"].includes(p.status));
  const waiting = d.people.filter((p) => p.status === "waitlisted");
  const ended = d.people.filter((p) => p.status === "cancelled" || p.status === "rejected");
  const place = [s.online ? "オンライン" : null, s.venue].filter(Boolean).join("・");
  return (
    <>
      <p>
        <Link to={`/training/manage/courses/${d.course.id}`}>← {d.course.title}</Link>
      </p>
      <h1>
        名簿: {d.course.title} 第{s.seq}回
      </h1>
      <p>
        {d.label}・{formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}
        {place ? `・${place}` : ""}
      </p>
      {result?.error ? (
        <div className="form-errors" role="alert">
          <p>{result.error}</p>
        </div>
      ) : null}
      <ul className="stat-list">
        <li>
          <span className="stat-list__label">席</span> <strong>{d.summary.seats}</strong> / 定員{s.capacity}
        </li>
        <li>
          <span className="stat-list__label">受講決定</span> <strong>{d.summary.confirmed}</strong>
        </li>
        <li>
          <span className="stat-list__label">承認待ち</span> <strong>{d.summary.pending}</strong>
        </li>
        <li>
          <span className="stat-list__label">キャンセル待ち</span> <strong>{d.summary.waitlisted}</strong>
        </li>
        <li>
          <span className="stat-list__label">出席 / 欠席 / 修了</span> {d.summary.attended} / {d.summary.absent} / <strong>{d.summary.completed}</strong>
        </li>
      </ul>
      <div className="button-row">
        <a className="button button--secondary" href={`/training/manage/sessions/${s.id}/roster.csv`} download>
          名簿をCSVで出力
        </a>
        <Link className="button button--secondary" to={`/training/manage/sessions/${s.id}/edit`}>
          この回を編集
        </Link>
        {d.markable ? (
          <span>
            <span className="tag tag--muted">開始済み</span>
          </span>
        ) : (
          <>
            <Form method="post">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={s.status === "open" ? "closed" : "open"} />
              <button type="submit" className="button button--secondary">
                {s.status === "open" ? "申込の受付を終了する" : "申込の受付を再開する"}
              </button>
            </Form>
            <span>
              受付: {s.status === "open" ? <span className="tag tag--ok">受付中</span> : <span className="tag tag--muted">受付終了</span>}
            </span>
          </>
        )}
      </div>

      <h2>席を確保している人（{seated.length}名）</h2>
      {d.markable ? (
        <Form method="post" id="mark-form" className="panel mark-form">
          <input type="hidden" name="intent" value="mark" />
          <div className="button-row">
            <div className="field">
              <label htmlFor="mark">記録する内容</label>
              <select id="mark" name="mark" defaultValue="completed">
                <option value="completed">修了</option>
                <option value="attended">出席（修了前）</option>
                <option value="absent">欠席</option>
              </select>
            </div>
            <button type="submit" className="button">
              チェックした人に記録する
            </button>
            {d.summary.confirmed > 0 ? (
              <button type="submit" name="all" value="confirmed" className="button button--secondary">
                受講決定の{d.summary.confirmed}名全員に記録する
              </button>
            ) : null}
          </div>
          <p className="muted">承認待ちの人は記録できません。記録した内容は後から訂正できます。</p>
        </Form>
      ) : (
        <p className="muted">出席・欠席・修了は、研修の開始（{formatDateTimeJa(new Date(s.startsAt))}）後に記録できます。</p>
      )}
      {seated.length === 0 ? (
        <p className="muted">まだいません。</p>
      ) : (
        <div className="table-wrap">
          <table className="table training-table">
            <thead>
              <tr>
                {d.markable ? (
                  <th scope="col">
                    <span className="visually-hidden">記録の対象</span>
                  </th>
                ) : null}
                <th scope="col">状態</th>
                <th scope="col">職員番号</th>
                <th scope="col">氏名</th>
                <th scope="col">所属</th>
                <th scope="col">職位</th>
                <th scope="col">階層</th>
                <th scope="col">申込日時</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {seated.map((p) => (
                <tr key={p.id}>
                  {d.markable ? (
                    <td>
                      {p.canMark ? (
                        <input type="checkbox" name="enrollmentIds" value={p.id} form="mark-form" aria-label={`${p.name}さんを選択`} />
                      ) : null}
                    </td>
                  ) : null}
                  <td>
                    <StatusTag status={p.status} />
                  </td>
                  <td>{p.staffNumber}</td>
                  <th scope="row">{p.name}</th>
                  <td>{p.orgUnitName}</td>
                  <td>{p.rank}</td>
                  <td>{p.tierLabel ?? "—"}</td>
                  <td>{formatDateTimeJa(new Date(p.requestedAt))}</td>
                  <td>
                    <RemoveControl p={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>キャンセル待ち（{waiting.length}名・申込順）</h2>
      {waiting.length === 0 ? (
        <p className="muted">いません。</p>
      ) : (
        <div className="table-wrap">
          <table className="table training-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  順番
                </th>
                <th scope="col">職員番号</th>
                <th scope="col">氏名</th>
                <th scope="col">所属</th>
                <th scope="col">申込日時</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((p) => (
                <tr key={p.id}>
                  <td className="num">{p.waitlistPosition}</td>
                  <td>{p.staffNumber}</td>
                  <th scope="row">{p.name}</th>
                  <td>{p.orgUnitName}</td>
                  <td>{formatDateTimeJa(new Date(p.requestedAt))}</td>
                  <td>
                    <RemoveControl p={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {ended.length > 0 ? (
        <>
          <h2>キャンセル・差戻し（{ended.length}件）</h2>
          <div className="table-wrap">
            <table className="table training-table">
              <thead>
                <tr>
                  <th scope="col">状態</th>
                  <th scope="col">職員番号</th>
                  <th scope="col">氏名</th>
                  <th scope="col">所属</th>
                  <th scope="col">申込日時</th>
                </tr>
              </thead>
              <tbody>
                {ended.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <StatusTag status={p.status} />
                    </td>
                    <td>{p.staffNumber}</td>
                    <th scope="row">{p.name}</th>
                    <td>{p.orgUnitName}</td>
                    <td>{formatDateTimeJa(new Date(p.requestedAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
