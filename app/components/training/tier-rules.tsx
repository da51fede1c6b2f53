import { Form } from "@remix-run/react";
import { RANKS } from "~/services/org/master-data";
import { MAX_SERVICE_YEAR, TIER_BASIS_LABELS } from "~/services/training/rules";

// 人材育成課's tiers of one 年度: each tier's rule as plain form fields (`<name>-<code>`), so
// the page works with JavaScript off; a refused save comes back with what was typed.

export type TierRow = { code: string; label: string; basis: "hireYear" | "newRank"; serviceYear: number | null; rank: string | null; active: boolean };
/** What was typed, per field name (`basis-<code>` …), after a refused save. */
export type TypedValues = Record<string, string>;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field__errors">
      {message}
    </p>
  ) : null;
}

export function TierRulesForm({ fiscalYear, tiers, typed, errors }: { fiscalYear: number; tiers: TierRow[]; typed: TypedValues | null; errors: Record<string, string> }) {
  const value = (name: string, code: string, fallback: string) => (typed ? (typed[`${name}-${code}`] ?? "") : fallback);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="fiscalYear" value={fiscalYear} />
      {tiers.map((t) => {
        const yearErr = errors[`${t.code}.serviceYear`];
        const rankErr = errors[`${t.code}.rank`];
        const active = typed ? typed[`active-${t.code}`] === "on" : t.active;
        return (
          <fieldset key={t.code} className="panel tier-rule">
            <legend>{t.label}</legend>
            <div className="field">
              <label htmlFor={`basis-${t.code}`}>基準</label>
              <select id={`basis-${t.code}`} name={`basis-${t.code}`} defaultValue={value("basis", t.code, t.basis)}>
                {(Object.keys(TIER_BASIS_LABELS) as TierRow["basis"][]).map((b) => (
                  <option key={b} value={b}>
                    {TIER_BASIS_LABELS[b]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`serviceYear-${t.code}`}>採用から何年度目（採用から数える場合）</label>
              <input
                id={`serviceYear-${t.code}`}
                name={`serviceYear-${t.code}`}
                inputMode="numeric"
                className="input-short"
                defaultValue={value("serviceYear", t.code, t.serviceYear === null ? "" : String(t.serviceYear))}
                aria-invalid={yearErr ? true : undefined}
                aria-describedby={yearErr ? `serviceYear-${t.code}-error` : undefined}
              />
              <FieldError id={`serviceYear-${t.code}-error`} message={yearErr} />
            </div>
            <div className="field">
              <label htmlFor={`rank-${t.code}`}>昇任した職位（昇任で数える場合）</label>
              <select
                id={`rank-${t.code}`}
                name={`rank-${t.code}`}
                defaultValue={value("rank", t.code, t.rank ?? "")}
                aria-invalid={rankErr ? true : undefined}
                aria-describedby={rankErr ? `rank-${t.code}-error` : undefined}
              >
                <option value="">—</option>
                {RANKS.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
              <FieldError id={`rank-${t.code}-error`} message={rankErr} />
            </div>
            <label>
              <input type="checkbox" name={`active-${t.code}`} defaultChecked={active} /> この年度に使う
            </label>
          </fieldset>
        );
      })}
      <p className="muted">採用から何年度目は1〜{MAX_SERVICE_YEAR}（1 = 新規採用）。保存すると、この年度の研修の対象者・選択科目のルールにすぐ反映されます。</p>
      <p>
        <button type="submit" className="button">
          この年度の階層を保存する
        </button>
      </p>
    </Form>
  );
}

export function AddTierForm({ fiscalYear, error, field, typed }: { fiscalYear: number; error: string | null; field: string | null; typed: TypedValues | null }) {
  const at = (f: string) => (error && field === f ? error : undefined);
  const v = (name: string) => typed?.[name] ?? "";
  return (
    <details className="panel" open={error !== null}>
      <summary>階層を追加する（例: 10年目）</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="fiscalYear" value={fiscalYear} />
        {error && !["label", "serviceYear", "rank"].includes(field ?? "") ? (
          <p className="field__errors" role="alert">
            {error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="add-label">階層の名前</label>
          <input id="add-label" name="label" defaultValue={v("label")} aria-invalid={at("label") ? true : undefined} aria-describedby={at("label") ? "add-label-error" : undefined} />
          <FieldError id="add-label-error" message={at("label")} />
        </div>
        <div className="field">
          <label htmlFor="add-basis">基準</label>
          <select id="add-basis" name="basis" defaultValue={v("basis") || "hireYear"}>
            {(Object.keys(TIER_BASIS_LABELS) as TierRow["basis"][]).map((b) => (
              <option key={b} value={b}>
                {TIER_BASIS_LABELS[b]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="add-serviceYear">採用から何年度目（採用から数える場合）</label>
          <input
            id="add-serviceYear"
            name="serviceYear"
            inputMode="numeric"
            className="input-short"
            defaultValue={v("serviceYear")}
            aria-invalid={at("serviceYear") ? true : undefined}
            aria-describedby={at("serviceYear") ? "add-serviceYear-error" : undefined}
          />
          <FieldError id="add-serviceYear-error" message={at("serviceYear")} />
        </div>
        <div className="field">
          <label htmlFor="add-rank">昇任した職位（昇任で数える場合）</label>
          <select id="add-rank" name="rank" defaultValue={v("rank")} aria-invalid={at("rank") ? true : undefined} aria-describedby={at("rank") ? "add-rank-error" : undefined}>
            <option value="">—</option>
            {RANKS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <FieldError id="add-rank-error" message={at("rank")} />
        </div>
        <button type="submit" className="button button--secondary">
          追加する（この年度に使う）
        </button>
      </Form>
    </details>
  );
}
