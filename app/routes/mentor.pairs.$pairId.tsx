import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { EndForm, FitForm, MeetingForm, NoteForm, SurveyForm } from "~/components/mentor/pair-forms";
import { MentorHistory, PairTag } from "~/components/mentor/parts";
import { formatDateJa, formatDateTimeJa, todayIso } from "~/lib/fiscal-year";
import { withNotice, type NoticeKey } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { addNote, answerSurvey, checkFit, endPairEarly, logMeeting } from "~/services/mentor/mutations.server";
import { getPairForMember } from "~/services/mentor/queries.server";
import { FIT_LABELS, MEETING_MODE_LABELS, maySurvey } from "~/services/mentor/rules";
import { pairPageSchema } from "~/services/mentor/schemas";

export const meta: MetaFunction = () => [{ title: "メンター制度のペア | かわさき人財ポータル" }];

// The pair page: the mentee and the mentor only. Anyone else — 人事課, a supervisor, the
// admin, 人材育成課 — gets 404, as for a pair that does not exist (access.ts).

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const detail = await getPairForMember({ pairId: Number(args.params.pairId), viewer });
  if (!detail) throw notFound();
  return { viewer, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  return { ...(await load(args)).detail, today: todayIso() };
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, detail } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema: pairPageSchema });
  if (submission.status !== "success") return submission.reply();
  const actor = actorOf(args, viewer);
  const v = submission.value;
  const id = detail.pair.id;
  const r =
    v.intent === "meeting"
      ? await logMeeting(actor, id, v)
      : v.intent === "note"
        ? await addNote(actor, id, v.body)
        : v.intent === "fit"
          ? await checkFit(actor, id, v.fit)
          : v.intent === "end"
            ? await endPairEarly(actor, id, v.version, v.reason)
            : await answerSurvey(actor, id, v);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  const notice: NoticeKey =
    v.intent === "meeting" ? "mentor-meeting-logged" : v.intent === "note" ? "mentor-note-added" : v.intent === "fit" ? (v.fit === "poor" ? "mentor-fit-poor" : "mentor-fit-saved") : v.intent === "end" ? "mentor-pair-ended" : "mentor-survey-saved";
  return redirect(withNotice(`/mentor/pairs/${id}`, notice));
}

export default function MentorPair() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const other = d.side === "mentee" ? d.mentor : d.mentee;
  const active = d.pair.status === "active";
  const mayEnd = d.actions.some((a) => a.action === "end_early");
  return (
    <>
      <p>
        <Link to="/mentor">← メンター制度</Link>
      </p>
      <h1>
        {d.side === "mentee" ? "メンター" : "メンティ"}: {other.name}さん <PairTag status={d.pair.status} />
      </h1>
      <p>
        {d.cycle.title}・{other.unit ?? "所属不明"}・{other.jobCategory ?? ""}
      </p>
      <p className="notice notice--info">このページとメモは、ペアの2人だけが見られます。人事課・上司・管理者にも表示されません。</p>
      {d.pair.terms.length > 0 ? (
        <p>
          ペアの理由: {d.pair.terms.map((t) => t.label).join("、")}
        </p>
      ) : null}
      {d.pair.endReason ? <p>終了の理由: {d.pair.endReason}</p> : null}
      {d.menteeWorries ? (
        <section aria-labelledby="worries-title">
          <h2 id="worries-title">{d.side === "mentor" ? "メンティが相談したいこと" : "あなたが登録した相談したいこと"}</h2>
          <p className="mentor-worries">{d.menteeWorries}</p>
        </section>
      ) : null}

      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">面談の記録</h2>
        {d.meetings.length === 0 ? (
          <p className="muted">まだ面談の記録はありません。</p>
        ) : (
          <ul className="plain-list">
            {d.meetings.map((m) => (
              <li key={m.id}>
                {formatDateJa(m.heldOn)}・{m.minutes}分・{MEETING_MODE_LABELS[m.mode]} <span className="muted">（記録: {m.loggedBy}）</span>
              </li>
            ))}
          </ul>
        )}
        {active ? <MeetingForm lastResult={lastResult} today={d.today} /> : null}
      </section>

      {d.mayCheckFit ? (
        <section aria-labelledby="fit-title">
          <h2 id="fit-title">相性の確認</h2>
          <FitForm lastResult={lastResult} />
        </section>
      ) : d.myFit ? (
        <p>相性の確認: あなたの回答は「{FIT_LABELS[d.myFit]}」です。</p>
      ) : null}

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">2人のメモ</h2>
        {d.notes.length === 0 ? (
          <p className="muted">まだメモはありません。</p>
        ) : (
          <ul className="plain-list">
            {d.notes.map((n) => (
              <li key={n.id} className="panel">
                <p className="pre-wrap">{n.body}</p>
                <p className="muted">
                  {n.author}・{formatDateTimeJa(new Date(n.at))}
                </p>
              </li>
            ))}
          </ul>
        )}
        {active ? <NoteForm lastResult={lastResult} /> : null}
      </section>

      {maySurvey(d.pair.status) ? (
        <section aria-labelledby="survey-title">
          <h2 id="survey-title">終了時アンケート</h2>
          {d.mySurvey ? <p>回答済みです（{d.mySurvey.score}点）。</p> : <SurveyForm lastResult={lastResult} />}
        </section>
      ) : null}

      {mayEnd ? (
        <section aria-labelledby="end-title">
          <h2 id="end-title">ペアを途中で終える</h2>
          <EndForm lastResult={lastResult} version={d.pair.version} />
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <MentorHistory history={d.history} />
      </section>
    </>
  );
}
