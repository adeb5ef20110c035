// Form fields: a label, the control, an optional hint and the field's error, wired
// together with ids so `getByLabel` finds the control and screen readers read the error
// (aria-invalid + aria-describedby). The error sits right under the control. Also the
// controls themselves (Input, Select and its Options, TextArea).
import {
  cloneElement,
  forwardRef,
  isValidElement,
  useId,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { humanize } from '../lib/format';

export interface FieldProps {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  /** The control: an <input>, <select>, <textarea> or a component that passes these props on. */
  children: ReactElement;
}

// Servers often phrase field errors as a predicate ("is not a valid email address",
// "must not be in the future"): those read best after the field's label.
const PREDICATE = /^(is|are|must|cannot|can't|should|has|have|was|were|needs?|does|do)\b/;

/** "Email" + "is required" → "Email is required."; other messages just get a capital. */
export function fieldMessage(label: ReactNode, message: string): string {
  const m = message.trim();
  let text = typeof label === 'string' && PREDICATE.test(m) ? `${label} ${m}` : m.charAt(0).toUpperCase() + m.slice(1);
  if (!/[.!?]$/.test(text)) text += '.';
  return text;
}

export function Field({ label, error, hint, required, className, children }: FieldProps) {
  const autoId = useId();
  const child = isValidElement<Record<string, unknown>>(children) ? children : null;
  const id = (child?.props.id as string | undefined) ?? `f${autoId}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const control = child
    ? cloneElement(child, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })
    : children;
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required && (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {control}
      {error && (
        <p className="field-error" id={errorId}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M8 4.5v4.2M8 10.8v.2" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          {fieldMessage(label, error)}
        </p>
      )}
      {hint && !error && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, ...rest },
  ref,
) {
  return <input ref={ref} className={['input', className ?? ''].join(' ').trim()} {...rest} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select(
  { className, children, ...rest },
  ref,
) {
  return (
    <select ref={ref} className={['input', 'select', className ?? ''].join(' ').trim()} {...rest}>
      {children}
    </select>
  );
});

/** The <option>s of a Select: `{ value, label }` pairs, or plain values shown humanized ("self_service" → "Self service"). */
export function Options({ options }: { options: readonly (string | { value: string; label: string })[] }) {
  return (
    <>
      {options.map((o) =>
        typeof o === 'string' ? (
          <option key={o} value={o}>
            {humanize(o)}
          </option>
        ) : (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ),
      )}
    </>
  );
}

export const TextArea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(
  function TextArea({ className, ...rest }, ref) {
    return <textarea ref={ref} className={['input', 'textarea', className ?? ''].join(' ').trim()} {...rest} />;
  },
);
