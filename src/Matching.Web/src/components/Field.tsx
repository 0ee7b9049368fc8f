import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  unit?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: ComponentChildren;
  wide?: boolean;
}

/**
 * A labelled form field; the host's message for the field (ProblemDetails `errors[field]`) is shown
 * right under it and tied to the input by aria-describedby (the input sets it with describedBy()).
 */
export function Field({ id, label, unit, error, hint, required, children, wide }: FieldProps) {
  return (
    <div class={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`}>
      <label for={id}>{label}{required && <span class="required" aria-hidden="true"> *</span>}{unit && <span class="sr-only">（单位：{unit}）</span>}</label>
      <div class="control">
        {children}
        {unit && <span class="suffix" aria-hidden="true">{unit}</span>}
      </div>
      {hint && !error && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`} role="alert" data-error-for={id}>{error}</p>}
    </div>
  );
}

/** Accessibility attributes for an input inside <Field>. */
export function describedBy(id: string, error?: string, hasHint = false) {
  return {
    id,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  };
}

/** Parses a number input: empty → null. */
export function numberOrNull(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Form-level problem (title + detail) with a list of field errors that have no field on the form. */
export function ProblemBox({ title, detail, extra }: { title?: string; detail?: string; extra?: string[] }) {
  if (!title && !detail && !extra?.length) return null;
  return (
    <div class="problem" role="alert">
      {title && <strong>{title}</strong>}
      {detail && <p>{detail}</p>}
      {extra && extra.length > 0 && <ul>{extra.map(e => <li key={e}>{e}</li>)}</ul>}
    </div>
  );
}
