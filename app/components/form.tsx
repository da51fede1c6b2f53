import type { FieldMetadata } from "@conform-to/react";
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

/** Conform field metadata of any value type. */
export type AnyField = FieldMetadata<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The hint and, when there are errors, the error list, for aria-describedby. */
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
  const props = getInputProps(field, { type, ariaDescribedBy: describedBy(field, hintId) });
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
  const props = getTextareaProps(field, { ariaDescribedBy: describedBy(field, hintId) });
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
  const props = getSelectProps(field, { ariaDescribedBy: describedBy(field) });
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
    <fieldset className="field field--group" aria-describedby={describedBy(field, hintId)} aria-invalid={field.errors ? true : undefined}>
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
  const props = getInputProps(field, { type: "checkbox", ariaDescribedBy: describedBy(field, hintId) });
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
