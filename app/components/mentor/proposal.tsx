import { Form } from "@remix-run/react";
import { PairTag } from "~/components/mentor/parts";
import type { HrCycle } from "~/services/mentor/queries.server";

// 人事課's review of a cycle's pairs: each with its score and the terms of it, why a named
// preference was not honoured, and (while matching) the hand edits; each unmatched mentee
// with why; pairs waiting for a rematch. Plain forms, one per edit.

type MentorChoice = { employeeId: string; name: string; unit: string | null; seatsLeft: number };

function MentorSelect({ id, mentors, exclude }: { id: string; mentors: MentorChoice[]; exclude?: string }) {
  return (
    <select id={id} name="mentorId" required className="mentor-select">
      <option value="">（メンターを選ぶ）</option>
      {mentors
        .filter((m) => m.employeeId !== exclude)
        .map((m) => (
          <option key={m.employeeId} value={m.employeeId}>
            {m.name}（{m.unit ?? "所属不明"}・残り{m.seatsLeft}人）
          </option>
        ))}
    </select>
  );
}

export function PairList({ pairs, editable, mentors }: { pairs: HrCycle["pairs"]; editable: boolean; mentors: MentorChoice[] }) {
  if (pairs.length === 0) return <p className="muted">ペアはまだありません。</p>;
  return (
    <ul className="plain-list mentor-pairs">
      {pairs.map((p) => (
        <li key={p.id} className="panel">
          <p>
            <PairTag status={p.status} /> メンティ <strong>{p.menteeName}</strong>
            <span className="muted">（{p.menteeUnit}）</span> ← メンター <strong>{p.mentorName}</strong>
            <span className="muted">（{p.mentorUnit}）</span>
          </p>
          <p>
            <strong>{p.score}点</strong>
            {p.source === "request" ? "（直接の依頼で成立）" : p.source === "manual" ? "（人事課が組んだペア）" : ""}: {p.terms.map((t) => t.label).join("、") || "加点なし"}
          </p>
          {p.preferenceNotes.length > 0 ? (
            <ul className="muted">
              {p.preferenceNotes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          {p.status !== "proposed" ? (
            <p className="muted">
              面談 {p.meetings}回{p.fitFlag ? "・相性の確認で「合わない」の回答あり" : ""}
            </p>
          ) : null}
          {editable && p.status === "proposed" ? (
            <div className="button-row">
              <Form method="post" className="mentor-edit">
                <input type="hidden" name="intent" value="change" />
                <input type="hidden" name="pairId" value={p.id} />
                <label htmlFor={`change-${p.id}`}>メンターを変える</label> <MentorSelect id={`change-${p.id}`} mentors={mentors} exclude={p.mentorId} />{" "}
                <button type="submit" className="button button--secondary button--small">
                  変更する
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="pairId" value={p.id} />
                <button type="submit" className="button button--ghost button--small">
                  {p.menteeName}さんのペアを外す
                </button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function UnmatchedList({ mentees, editable, mentors }: { mentees: HrCycle["unmatched"]; editable: boolean; mentors: MentorChoice[] }) {
  if (mentees.length === 0) return <p className="muted">ペアのないメンティはいません。</p>;
  return (
    <ul className="plain-list">
      {mentees.map((m) => (
        <li key={m.employeeId} className="panel">
          <p>
            <strong>{m.name}</strong> <span className="muted">（{m.unit}・{m.jobCategory}）</span>
          </p>
          <p>理由: {m.reason}</p>
          {m.preferenceNotes.length > 0 ? (
            <ul className="muted">
              {m.preferenceNotes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          {editable ? (
            <Form method="post" className="mentor-edit">
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="menteeId" value={m.employeeId} />
              <label htmlFor={`add-${m.employeeId}`}>ペアを組む</label> <MentorSelect id={`add-${m.employeeId}`} mentors={mentors} />{" "}
              <button type="submit" className="button button--secondary button--small">
                組む
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function RematchList({ pairs, mentors }: { pairs: HrCycle["pairs"]; mentors: MentorChoice[] }) {
  const waiting = pairs.filter((p) => p.needsRematch);
  if (waiting.length === 0) return <p className="muted">再マッチングを待っているメンティはいません。</p>;
  return (
    <ul className="plain-list">
      {waiting.map((p) => (
        <li key={p.id} className="panel">
          <p>
            <strong>{p.menteeName}</strong>（今のメンター: {p.mentorName}・<PairTag status={p.status} />）
            {p.fitFlag ? "相性の確認で「合わない」の回答がありました。" : "ペアが途中で終了しました。"}
          </p>
          <Form method="post" className="mentor-edit">
            <input type="hidden" name="intent" value="rematch" />
            <input type="hidden" name="pairId" value={p.id} />
            <label htmlFor={`rematch-${p.id}`}>新しいメンター</label> <MentorSelect id={`rematch-${p.id}`} mentors={mentors} exclude={p.mentorId} />{" "}
            <button type="submit" className="button button--small">
              再マッチングする
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}
