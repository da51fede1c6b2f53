import { getInputProps } from "@conform-to/react";
import { FieldErrors, type AnyField } from "~/components/form";
import { FILE_KIND_LABELS, type FileKind } from "~/services/subsidy/labels";
import { MAX_FILE_SIZE_LABEL } from "~/services/subsidy/schemas";

// The subsidy forms' own inputs: yen amounts typed as people type them, and the two uploads.

function Label({ field, label, required }: { field: AnyField; label: string; required?: boolean }) {
  return (
    <label htmlFor={field.id}>
      {label}
      {required ? <span className="required">（必須）</span> : null}
    </label>
  );
}

/** A yen input: text, so "12,000" and full-width digits can be typed; the server normalises. */
export function YenField({ label, field, hint, required }: { label: string; field: AnyField; hint?: string; required?: boolean }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "text", ariaDescribedBy: hintId });
  return (
    <div className="field field--yen">
      <Label field={field} label={label} required={required} />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <span className="yen-input">
        <input {...props} key={props.key} inputMode="numeric" autoComplete="off" />
        <span aria-hidden="true">円</span>
      </span>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function FileField({ kind, field, hint }: { kind: FileKind; field: AnyField; hint?: string }) {
  const hintId = `${field.id}-hint`;
  const props = getInputProps(field, { type: "file", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <Label field={field} label={FILE_KIND_LABELS[kind]} />
      <p id={hintId} className="field__hint">
        {hint ?? `PDF・JPEG・PNG、${MAX_FILE_SIZE_LABEL}まで。`}
      </p>
      <input {...props} key={props.key} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
