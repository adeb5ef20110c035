// The frame of a record form (create or edit): the <form>, named by its submit label; a
// banner above the fields for save problems; Cancel and the submit button below. After a
// failed save, focus moves to the first invalid field. The fields are the caller's.
import { useRef, type ReactNode } from 'react';
import { useFocusFirstError } from '../lib/forms';
import { Button } from './Button';

/** What a page hands a record form (values of type V). */
export interface RecordFormProps<V> {
  initial: V;
  /** The last save's field errors, by field name. */
  errors: Record<string, string>;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: V) => void;
  onCancel: () => void;
  /** Messages above the fields: conflicts, duplicates, errors without a field. */
  banner?: ReactNode;
  disabled?: boolean;
}

export interface FormFrameProps extends Omit<RecordFormProps<unknown>, 'initial' | 'onSubmit'> {
  onSubmit: () => void;
  children: ReactNode;
}

export function FormFrame({ errors, busy, submitLabel, onSubmit, onCancel, banner, disabled, children }: FormFrameProps) {
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  return (
    <form
      ref={formRef}
      className="form card"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      noValidate
      aria-label={submitLabel}
    >
      {banner}
      {children}
      <div className="form-actions">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={busy} disabled={disabled}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
