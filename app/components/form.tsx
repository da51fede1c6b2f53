import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";

type TextFieldProps = {
  label: string;
  // Conform's field metadata; the value type is irrelevant to rendering.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  field: FieldMetadata<any>;
  type?: "text" | "password" | "email" | "date" | "number" | "search";
  hint?: string;
  autoComplete?: string;
  required?: boolean;
};

/** A labelled input whose errors sit next to it and are announced with it. */
export function TextField({ label, field, type = "text", hint, autoComplete, required }: TextFieldProps) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: describedBy });
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
      <input {...props} key={props.key} autoComplete={autoComplete} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

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
