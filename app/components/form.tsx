import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";

export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field__errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/**
 * 「入力内容を確認してください」 at the top of a form that came back with errors: the
 * form's own messages and a link to each field with an error (「操作を完了できませんでした」
 * when only the form's own messages remain, e.g. a refusal).
 *
 * Without JavaScript the page is a fresh document, so focus is moved here by the browser
 * itself: the first link (or the summary, when no field is named) carries `autofocus`,
 * which React writes into the server's HTML. With JavaScript, React does not focus a
 * link or a div that mounts later (it only polyfills autofocus for form controls), so
 * conform keeps moving focus to the first invalid field, as before.
 */
export function ErrorSummary({ form, labels = {} }: { form: FormMetadata<any>; labels?: Record<string, string> }) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const formErrors = form.errors ?? [];
  const fieldErrors = Object.entries(form.allErrors as Record<string, string[] | undefined>).filter(
    (entry): entry is [string, string[]] => entry[0] !== "" && (entry[1]?.length ?? 0) > 0,
  );
  if (formErrors.length === 0 && fieldErrors.length === 0) return null;
  const titleId = `${form.id}-summary-title`;
  return (
    <div className="error-summary" aria-labelledby={titleId} tabIndex={-1} autoFocus={fieldErrors.length === 0}>
      <h2 id={titleId} className="error-summary__title">
        {fieldErrors.length > 0 ? "入力内容を確認してください" : "操作を完了できませんでした"}
      </h2>
      {formErrors.length > 0 ? (
        <div id={form.errorId} role="alert">
          {formErrors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      {fieldErrors.length > 0 ? (
        <ul className="error-summary__list">
          {fieldErrors.map(([name, errors], i) => (
            <li key={name}>
              <a href={`#${form.id}-${name}`} autoFocus={i === 0}>
                {labels[name] ? `${labels[name]}: ` : ""}
                {errors[0]}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Conform field metadata of any value type. */
export type AnyField = FieldMetadata<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The hint and, when there are errors, the error list, for aria-describedby of an element
 * conform does not describe itself (a fieldset). Inputs get conform's own list plus the hint.
 */
export function describedBy(field: AnyField, hintId?: string): string | undefined {
  return [hintId, field.errors ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
}

export function InputField({
  label,
  field,
  type = "text",
  hint,
  required,
  inputMode,
  className,
  autoComplete,
}: {
  label: string;
  field: AnyField;
  type?: "text" | "password" | "email" | "search" | "url" | "date" | "time" | "datetime-local" | "number";
  hint?: string;
  required?: boolean;
  inputMode?: "numeric";
  className?: string;
  autoComplete?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required">（必須）</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} inputMode={inputMode} autoComplete={autoComplete} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({ label, field, hint, required, rows = 4 }: { label: string; field: AnyField; hint?: string; required?: boolean; rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required">（必須）</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  label,
  field,
  options,
  required,
}: {
  label: string;
  field: AnyField;
  options: { value: string; label: string }[];
  required?: boolean;
}) {
  const props = getSelectProps(field, { ariaDescribedBy: undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required">（必須）</span> : null}
      </label>
      <select {...props} key={props.key}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A group of checkboxes (or one) in a fieldset, errors announced with the group. */
export function CheckboxGroup({
  legend,
  field,
  options,
  hint,
}: {
  legend: string;
  field: AnyField;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  const initial = field.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : initial !== undefined && initial !== null ? [String(initial)] : []);
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <fieldset id={field.id} className="field field--group" aria-describedby={describedBy(field, hintId)} aria-invalid={field.errors ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="checkbox-list">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={checked.has(o.value)} key={`${field.key ?? ""}-${o.value}`} /> {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function CheckboxField({ label, field, hint }: { label: string; field: AnyField; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="field field--checkbox">
      <label className="checkbox" htmlFor={field.id}>
        <input {...props} key={props.key} /> {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The plain text input most forms use (login, indicators …). */
export const TextField = InputField;
