import { Form } from "@remix-run/react";
import type { SessionStatus } from "~/services/training/rules";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { formatSessionTime } from "~/services/training/time";
import type { EnrollmentStatus } from "~/services/training/transitions";
import { EnrollmentHistory } from "./enrollment-history";
import { SeatsText, StatusTag, type When } from "./tags";

// The employee's course page: its sessions with the sign-up button each allows, and the
// employee's own sign-ups with history and the cancel button the transitions table gives.

export type CourseSession = {
  id: number;
  seq: number;
  startsAt: When;
  endsAt: When;
  venue: string | null;
  online: boolean;
  capacity: number;
  taken: number;
  waitlisted: number;
  signupOpensAt: When;
  signupClosesAt: When;
  cancelDeadline: When;
  status: SessionStatus;
  cancelReason: string | null;
  canSignUp: boolean;
  /** A 抽選 回 (`awaitsDraw` until its draw has run), and its 応募 so far. */
  lottery: boolean;
  awaitsDraw: boolean;
  applied: number;
  /** Set when my live sign-up in another 回 may move here. */
  changeFrom: { enrollmentId: number; seq: number } | null;
  refusal: string | null;
  full: boolean;
};

export type CourseEnrollment = {
  id: number;
  seq: number;
  startsAt: When;
  endsAt: When;
  status: EnrollmentStatus;
  waitlistPosition: number | null;
  cancelLabel: string | null;
  cancelRefusal: string | null;
  cancelDeadline: When;
  history: Parameters<typeof EnrollmentHistory>[0]["history"];
};

export function SessionList({ sessions, busy }: { sessions: readonly CourseSession[]; busy: boolean }) {
  return (
    <>
      {sessions.length === 0 ? <p className="muted">日程はまだ決まっていません。</p> : null}
      <ul className="session-list">
        {sessions.map((s) => (
          <li key={s.id} className="panel session" id={`session-${s.id}`}>
            <h3 className="session__title">
              第{s.seq}回 {formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}
            </h3>
            {s.status === "called_off" ? (
              <p className="notice notice--warn">
                <span className="tag tag--warn">中止</span> この回は中止になりました。理由: {s.cancelReason}
              </p>
            ) : null}
            <dl className="session__facts">
              <div>
                <dt>会場</dt>
                <dd>{[s.online ? "オンライン" : null, s.venue].filter(Boolean).join("・") || "未定"}</dd>
              </div>
              <div>
                <dt>申込状況</dt>
                <dd>
                  {s.awaitsDraw ? (
                    <span>
                      <strong>抽選</strong>（定員{s.capacity}名・応募{s.applied}人）
                    </span>
                  ) : (
                    <SeatsText capacity={s.capacity} taken={s.taken} waitlisted={s.waitlisted} />
                  )}
                  {s.lottery && !s.awaitsDraw ? <span className="muted training-note">抽選済み（以降は申込順）</span> : null}
                </dd>
              </div>
              <div>
                <dt>申込期間</dt>
                <dd>
                  {formatDateTimeJa(new Date(s.signupOpensAt))}〜{formatDateTimeJa(new Date(s.signupClosesAt))}
                  {s.status === "closed" ? <span className="tag tag--muted training-note">受付終了</span> : null}
                </dd>
              </div>
              <div>
                <dt>キャンセル期限</dt>
                <dd>{formatDateTimeJa(new Date(s.cancelDeadline))}</dd>
              </div>
            </dl>
            {s.canSignUp ? (
              <Form method="post" className="session__action">
                <input type="hidden" name="intent" value="signup" />
                <input type="hidden" name="courseSessionId" value={s.id} />
                <button type="submit" className="button" disabled={busy}>
                  {s.awaitsDraw ? `第${s.seq}回に応募する（抽選）` : s.full ? `第${s.seq}回のキャンセル待ちに登録する` : `第${s.seq}回に申し込む`}
                </button>
                {s.awaitsDraw ? (
                  <span className="muted">
                    申込締切（{formatDateTimeJa(new Date(s.signupClosesAt))}）の後に抽選し、結果（受講決定またはキャンセル待ちの順番）をお知らせします。申込の早さは関係ありません。
                  </span>
                ) : s.full ? (
                  <span className="muted">満席です。空きが出ると申込順に繰り上がります。</span>
                ) : null}
              </Form>
            ) : s.changeFrom ? (
              <Form method="post" className="session__action">
                <input type="hidden" name="intent" value="change" />
                <input type="hidden" name="enrollmentId" value={s.changeFrom.enrollmentId} />
                <input type="hidden" name="toSessionId" value={s.id} />
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {s.full ? `第${s.seq}回のキャンセル待ちに変更する` : `第${s.seq}回に変更する`}
                </button>
                <span className="muted">
                  {s.full
                    ? `満席のため、変更するとこの回のキャンセル待ちになり、第${s.changeFrom.seq}回の申込は取り消されます。`
                    : `第${s.changeFrom.seq}回の申込をこの回に移します（1回の操作で、席がなくなることはありません）。`}
                </span>
              </Form>
            ) : s.refusal ? (
              <p className="muted session__action">{s.refusal}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MyCourseEnrollments({ enrollments, busy }: { enrollments: readonly CourseEnrollment[]; busy: boolean }) {
  return (
    <>
      {enrollments.length === 0 ? <p className="muted">この研修への申込はありません。</p> : null}
      {enrollments.map((e) => (
        <section key={e.id} className="panel" aria-label={`第${e.seq}回への申込`}>
          <p>
            <StatusTag status={e.status} /> 第{e.seq}回 {formatSessionTime(new Date(e.startsAt), new Date(e.endsAt))}
            {e.waitlistPosition ? (
              <strong className="training-note">キャンセル待ち {e.waitlistPosition}番目</strong>
            ) : null}
          </p>
          <EnrollmentHistory history={e.history} />
          {e.cancelLabel ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="enrollmentId" value={e.id} />
              <button type="submit" className="button button--secondary" disabled={busy}>
                {e.cancelLabel}
              </button>{" "}
              <span className="muted">キャンセル期限: {formatDateTimeJa(new Date(e.cancelDeadline))}</span>
            </Form>
          ) : e.cancelRefusal ? (
            <p className="muted">{e.cancelRefusal}</p>
          ) : null}
        </section>
      ))}
    </>
  );
}
