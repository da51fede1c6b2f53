// The free slots of the consultation booking and move forms, grouped by day, one radio each.
// Plain HTML controls, so the form works with JavaScript off.
import { FieldErrors } from "~/components/form";
import { formatDateJa } from "~/lib/fiscal-year";
import { jstIsoDate, timeRangeText } from "~/services/consultation/rules";

export type PickableSlot = { id: number; startsAt: Date | string; endsAt: Date | string; consultantName: string };

/** Free slots grouped by day, one radio each. */
export function SlotPicker({
  slots,
  name,
  legend,
  hint,
  defaultValue,
  errors,
  errorId,
}: {
  slots: PickableSlot[];
  name: string;
  legend: string;
  hint?: string;
  defaultValue?: string;
  errors?: string[];
  errorId: string;
}) {
  const days = new Map<string, PickableSlot[]>();
  for (const s of slots) {
    const key = jstIsoDate(new Date(s.startsAt));
    days.set(key, [...(days.get(key) ?? []), s]);
  }
  const hintId = `${errorId}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="consult-slots" aria-describedby={describedBy} aria-invalid={errors?.length ? true : undefined}>
      <legend>
        {legend}
        <span className="required">（必須）</span>
      </legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
      {slots.length === 0 ? <p className="muted">現在、予約できる枠はありません。</p> : null}
      <div className="consult-days">
        {[...days.entries()].map(([day, list]) => (
          <div key={day} className="consult-day" role="group" aria-labelledby={`day-${name}-${day}`}>
            <p id={`day-${name}-${day}`} className="consult-day__title">
              {formatDateJa(day)}
            </p>
            <ul className="consult-day__slots">
              {list.map((s) => (
                <li key={s.id}>
                  <label className="consult-slot">
                    <input type="radio" name={name} value={s.id} defaultChecked={defaultValue === String(s.id)} />
                    <span>
                      {timeRangeText(new Date(s.startsAt), new Date(s.endsAt))}
                      <span className="muted">（{s.consultantName}）</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
