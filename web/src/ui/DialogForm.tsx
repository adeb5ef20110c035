// A create form inside a dialog: the <form>, named by `label`; the save's problem as an
// alert when it is a message (field errors show by their fields); the caller's fields;
// then Cancel and the submit button.
import type { ReactNode } from 'react';
import type { SaveProblem } from '../lib/saveError';
import { Alert } from './Alert';
import { Button } from './Button';

export interface DialogFormProps {
  label: string;
  problem: SaveProblem | null;
  /** The alert's title when the problem has none, e.g. "Could not create the case.". */
  failTitle: string;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

export function DialogForm({ label, problem, failTitle, busy, submitLabel, onSubmit, onCancel, children }: DialogFormProps) {
  return (
    <form
      className="dialog-form"
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {problem?.kind === 'message' && (
        <Alert tone="danger" title={problem.title ?? failTitle}>
          {problem.messages.join(' ')}
        </Alert>
      )}
      {children}
      <div className="dialog-footer">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
