import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { LotteryPanel } from "~/components/training/lottery";
import { CallOffForm, MarkForm, RosterSummary, RosterTable, SessionStatusControl, rosterGroups, type RosterColumn } from "~/components/training/roster";
import { fiscalYearLabel, formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { formRefusal } from "~/services/contract/refusal";
import { setSessionStatus } from "~/services/training/catalogue.server";
import { callOffSession, markAttendance, removeByHrDev } from "~/services/training/enrollment-mutations.server";
import { drawDueLotteries, runDraw } from "~/services/training/lottery.server";
import { getRoster } from "~/services/training/roster.server";
import { parseRouteId, rosterActionSchema } from "~/services/training/schemas";
import { formatSessionTime } from "~/services/training/time";

export const meta: MetaFunction = () => [{ title: "名簿 | 研修管理" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  await drawDueLotteries();
  const id = parseRouteId(args.params.sessionId);
  const roster = id === null ? null : await getRoster({ viewer, courseSessionId: id });
  if (!roster) throw notFound();
  return { ...roster, label: fiscalYearLabel(roster.course.fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.sessionId);
  if (id === null) throw notFound();
  const form = await args.request.formData();
  const submission = parseWithZod(form, { schema: rosterActionSchema });
  // A refused 中止 comes back to its own field, with the reason as typed.
  const callOff = form.get("intent") === "callOff" ? { reason: String(form.get("reason") ?? "") } : null;
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? "送信内容が正しくありません。";
    return callOff ? { callOffError: first, ...callOff } : { error: first };
  }
  const actor = actorOf(args, viewer);
  const self = `/training/manage/sessions/${id}`;
  const v = submission.value;
  const r =
    v.intent === "draw"
      ? await runDraw({ actor, courseSessionId: id })
      : v.intent === "mark"
      ? await markAttendance({ actor, courseSessionId: id, enrollmentIds: v.enrollmentIds, allConfirmed: v.all === "confirmed", mark: v.mark })
      : v.intent === "remove"
        ? await removeByHrDev({ actor, enrollmentId: v.enrollmentId, courseSessionId: id, comment: v.comment })
        : v.intent === "callOff"
          ? await callOffSession({ actor, courseSessionId: id, reason: v.reason })
          : await setSessionStatus(actor, id, v.status);
  if (!r.ok) return callOff && r.refusal.field === "reason" ? { callOffError: r.refusal.message, ...callOff } : { error: formRefusal(r.refusal).message };
  const notice =
    v.intent === "draw"
      ? "training-drawn"
      : v.intent === "mark"
      ? "training-marked"
      : v.intent === "remove"
        ? "training-removed"
        : v.intent === "callOff"
          ? "training-session-called-off"
          : v.status === "open"
            ? "training-session-opened"
            : "training-session-closed";
  return redirect(withNotice(self, notice));
}

const SEATED: RosterColumn[] = ["status", "staffNumber", "name", "orgUnit", "rank", "tier", "requestedAt", "actions"];
const WAITING: RosterColumn[] = ["order", "staffNumber", "name", "orgUnit", "requestedAt", "actions"];
const APPLIED: RosterColumn[] = ["status", "staffNumber", "name", "orgUnit", "rank", "requestedAt", "actions"];
const ENDED: RosterColumn[] = ["status", "staffNumber", "name", "orgUnit", "requestedAt"];

export default function Roster() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const s = d.session;
  const { applied, seated, waiting, ended, withDraw } = rosterGroups(d.people, Boolean(d.lottery?.drawn));
  const calledOff = s.status === "called_off";
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
      {calledOff ? (
        <p className="notice notice--warn">
          <span className="tag tag--warn">中止</span> この回は中止しました（理由: {s.cancelReason}）。申込者全員に通知済みです。
        </p>
      ) : null}
      {result && "error" in result && result.error ? (
        <div className="form-errors" role="alert">
          <p>{result.error}</p>
        </div>
      ) : null}
      <RosterSummary summary={d.summary} capacity={s.capacity} />
      <div className="button-row">
        <a className="button button--secondary" href={`/training/manage/sessions/${s.id}/roster.csv`} download>
          名簿をCSVで出力
        </a>
        {calledOff ? null : (
          <Link className="button button--secondary" to={`/training/manage/sessions/${s.id}/edit`}>
            この回を編集
          </Link>
        )}
        <SessionStatusControl status={s.status} started={d.markable} />
      </div>
      {!calledOff && !d.markable ? (
        <CallOffForm people={seated.length + waiting.length} error={result && "callOffError" in result ? result.callOffError : null} reason={result && "reason" in result ? result.reason : ""} />
      ) : null}

      {d.lottery ? <LotteryPanel lottery={d.lottery} applied={d.summary.applied} capacity={s.capacity} closesAt={s.signupClosesAt} /> : null}
      {applied.length > 0 ? (
        <>
          <h2>応募（抽選前・{applied.length}名）</h2>
          <RosterTable people={applied} columns={APPLIED} empty="" label="応募（抽選前）" />
        </>
      ) : null}

      <h2>席を確保している人（{seated.length}名）</h2>
      {calledOff ? null : d.markable ? (
        <MarkForm confirmed={d.summary.confirmed} />
      ) : (
        <p className="muted">出席・欠席・修了は、研修の開始（{formatDateTimeJa(new Date(s.startsAt))}）後に記録できます。</p>
      )}
      <RosterTable people={seated} columns={withDraw([...(d.markable ? (["select"] as RosterColumn[]) : []), ...SEATED])} empty="まだいません。" label="席を確保している人" />

      <h2>
        キャンセル待ち（{waiting.length}名・{d.lottery?.drawn ? "抽選の順、以降は申込順" : "申込順"}）
      </h2>
      <RosterTable people={waiting} columns={withDraw(WAITING)} empty="いません。" label="キャンセル待ち" />

      {ended.length > 0 ? (
        <>
          <h2>キャンセル・差戻し・中止（{ended.length}件）</h2>
          <RosterTable people={ended} columns={ENDED} empty="" label="キャンセル・差戻し・中止" />
        </>
      ) : null}
    </>
  );
}
