import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { APPLIED_STATUSES, CALLED_OFF_STATUSES, MARK_LABELS, WITHDRAWN_STATUSES, type EnrollmentStatus, type Mark } from "~/services/training/transitions";
import type { SessionStatus } from "~/services/training/rules";
import { StatusTag } from "./tags";
import { TableScroll } from "~/components/table-scroll";

// 人材育成課's roster of one session: one table drawn three ways (seated, waitlist, ended)
// and the controls the transitions table allows on each person (remove, mark).

export type RosterPerson = {
  id: number;
  status: EnrollmentStatus;
  staffNumber: string;
  name: string;
  rank: string | null;
  orgUnitName: string | null;
  tierLabel: string | null;
  requestedAt: Date | string;
  waitlistPosition: number | null;
  canRemove: boolean;
  canMark: boolean;
  /** 抽選: 「優先1（…）・3番」, or null for a 先着 回 / before the draw. */
  drawLabel: string | null;
};

export type RosterColumn = "select" | "order" | "status" | "staffNumber" | "name" | "orgUnit" | "rank" | "tier" | "requestedAt" | "draw" | "actions";

const HEADERS: Record<RosterColumn, ReactNode> = {
  select: <span className="visually-hidden">記録の対象</span>,
  order: "順番",
  status: "状態",
  staffNumber: "職員番号",
  name: "氏名",
  orgUnit: "所属",
  rank: "職位",
  tier: "階層",
  requestedAt: "申込日時",
  draw: "抽選（優先グループ・順位）",
  actions: "操作",
};

function Cell({ column, p }: { column: RosterColumn; p: RosterPerson }) {
  switch (column) {
    case "select":
      return (
        <td className="col-narrow">
          {p.canMark ? <input type="checkbox" name="enrollmentIds" value={p.id} form="mark-form" aria-label={`${p.name}さんを選択`} /> : null}
        </td>
      );
    case "order":
      return <td className="num">{p.waitlistPosition}</td>;
    case "status":
      return (
        <td>
          <StatusTag status={p.status} />
        </td>
      );
    case "staffNumber":
      return <td>{p.staffNumber}</td>;
    case "name":
      return (
        <th scope="row" className="nowrap">
          {p.name}
        </th>
      );
    case "orgUnit":
      return <td>{p.orgUnitName}</td>;
    case "rank":
      return <td>{p.rank}</td>;
    case "tier":
      return <td>{p.tierLabel ?? "—"}</td>;
    case "requestedAt":
      return <td>{formatDateTimeJa(new Date(p.requestedAt))}</td>;
    case "draw":
      return <td>{p.drawLabel ?? "—"}</td>;
    case "actions":
      return (
        <td>
          <RemoveControl p={p} />
        </td>
      );
  }
}

/** People of one roster group in the given columns; `empty` when there is nobody. */
export function RosterTable({
  people,
  columns,
  empty,
  label = "名簿",
}: {
  people: readonly RosterPerson[];
  columns: readonly RosterColumn[];
  empty: string;
  label?: string;
}) {
  if (people.length === 0) return <p className="muted">{empty}</p>;
  return (
    <TableScroll label={label}>
      <table className="table training-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={c === "order" ? "num" : undefined}>
                {HEADERS[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              {columns.map((c) => (
                <Cell key={c} column={c} p={p} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** 取り消す: shown where the table allows removal; the reason is required and sent to the person. */
function RemoveControl({ p }: { p: RosterPerson }) {
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

/** Records 出席 / 欠席 / 修了 for the checked people (or every confirmed one). */
export function MarkForm({ confirmed }: { confirmed: number }) {
  return (
    <Form method="post" id="mark-form" className="panel mark-form">
      <input type="hidden" name="intent" value="mark" />
      <div className="button-row">
        <div className="field">
          <label htmlFor="mark">記録する内容</label>
          <select id="mark" name="mark" defaultValue="completed">
            {(Object.entries(MARK_LABELS) as [Mark, string][]).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          チェックした人に記録する
        </button>
        {confirmed > 0 ? (
          <button type="submit" name="all" value="confirmed" className="button button--secondary">
            受講決定の{confirmed}名全員に記録する
          </button>
        ) : null}
      </div>
      <p className="muted">承認待ちの人は記録できません。記録した内容は後から訂正できます。</p>
    </Form>
  );
}

/**
 * 中止: calls the whole 回 off with a reason, which everyone signed up or waiting is sent.
 * Open when the last submit was refused, keeping what was typed.
 */
export function CallOffForm({ people, error, reason }: { people: number; error: string | null; reason: string }) {
  return (
    <details className="panel" open={error !== null}>
      <summary>この回を中止する</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="callOff" />
        <p>
          申込済み・キャンセル待ちの{people}名全員の申込が「中止」になり、理由がお知らせで届きます。中止は取り消せません。
        </p>
        <div className="field">
          <label htmlFor="call-off-reason">中止の理由（必須、500文字以内）</label>
          <textarea
            id="call-off-reason"
            name="reason"
            rows={3}
            defaultValue={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "call-off-reason-error" : undefined}
          />
          {error ? (
            <p id="call-off-reason-error" className="field__errors">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--danger">
          中止して全員に知らせる
        </button>
      </Form>
    </details>
  );
}

/** 受付中 / 受付終了 and the button that switches it, until the session starts. */
export function SessionStatusControl({ status, started }: { status: SessionStatus; started: boolean }) {
  if (status === "called_off") return null;
  if (started) {
    return (
      <span>
        <span className="tag tag--muted">開始済み</span>
      </span>
    );
  }
  return (
    <>
      <Form method="post">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="status" value={status === "open" ? "closed" : "open"} />
        <button type="submit" className="button button--secondary">
          {status === "open" ? "申込の受付を終了する" : "申込の受付を再開する"}
        </button>
      </Form>
      <span>
        受付: {status === "open" ? <span className="tag tag--ok">受付中</span> : <span className="tag tag--muted">受付終了</span>}
      </span>
    </>
  );
}

/** The roster's counts: seats against capacity, and each status. */
export function RosterSummary({
  summary: d,
  capacity,
}: {
  summary: { seats: number; confirmed: number; pending: number; waitlisted: number; applied: number; attended: number; absent: number; completed: number };
  capacity: number;
}) {
  return (
    <ul className="stat-list">
      <li>
        <span className="stat-list__label">席</span> <strong>{d.seats}</strong> / 定員{capacity}
      </li>
      <li>
        <span className="stat-list__label">受講決定</span> <strong>{d.confirmed}</strong>
      </li>
      <li>
        <span className="stat-list__label">承認待ち</span> <strong>{d.pending}</strong>
      </li>
      {d.applied > 0 ? (
        <li>
          <span className="stat-list__label">応募（抽選前）</span> <strong>{d.applied}</strong>
        </li>
      ) : null}
      <li>
        <span className="stat-list__label">キャンセル待ち</span> <strong>{d.waitlisted}</strong>
      </li>
      <li>
        <span className="stat-list__label">出席 / 欠席 / 修了</span> {d.attended} / {d.absent} / <strong>{d.completed}</strong>
      </li>
    </ul>
  );
}

/**
 * The roster's groups: 応募 before a draw, seat holders, the waitlist, and those who left
 * (cancelled, returned, 中止). After a draw each person's group and place shows before the actions.
 */
export function rosterGroups<P extends { status: EnrollmentStatus }>(people: readonly P[], drawn: boolean) {
  const left = (p: P) => WITHDRAWN_STATUSES.includes(p.status) || CALLED_OFF_STATUSES.includes(p.status);
  return {
    applied: people.filter((p) => APPLIED_STATUSES.includes(p.status)),
    seated: people.filter((p) => p.status !== "waitlisted" && !left(p) && !APPLIED_STATUSES.includes(p.status)),
    waiting: people.filter((p) => p.status === "waitlisted"),
    ended: people.filter(left),
    withDraw: (cols: readonly RosterColumn[]): RosterColumn[] => (drawn ? [...cols.filter((c) => c !== "actions"), "draw", "actions"] : [...cols]),
  };
}
