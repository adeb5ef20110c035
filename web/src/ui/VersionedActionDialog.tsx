// A dialog whose action writes a record with If-Match. When someone else changed the
// record since it was shown (412) the footer offers Reload in place of the action, and
// the failure says so; any other failure shows its message.
import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../lib/http';
import { Alert } from './Alert';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ActionFailure {
  text: string;
  /** A 412: the record changed since it was shown. */
  stale: boolean;
}

/** The failure for the action's error `e`; `staleText` is what a 412 says. */
export function actionFailure(e: unknown, staleText: string): ActionFailure {
  const stale = isApiError(e) && e.status === 412;
  return { text: stale ? staleText : errorMessage(e), stale };
}

/** The failure as an alert; with `onReload`, a 412 also offers a Reload button. */
export function ActionFailureAlert({ failure, onReload }: { failure: ActionFailure; onReload?: () => void }) {
  return (
    <Alert
      tone={failure.stale ? 'warning' : 'danger'}
      actions={
        failure.stale &&
        onReload && (
          <Button size="sm" onClick={onReload}>
            Reload
          </Button>
        )
      }
    >
      {failure.text}
    </Alert>
  );
}

export interface VersionedActionDialogProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** Brings in the other person's version after a 412. */
  onReload: () => void;
  failure: ActionFailure | null;
  /** The button that runs the action, shown beside Cancel unless the failure is a 412. */
  action: ReactNode;
  children: ReactNode;
}

export function VersionedActionDialog({
  open,
  title,
  onClose,
  onReload,
  failure,
  action,
  children,
}: VersionedActionDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          {failure?.stale ? (
            <Button
              variant="primary"
              onClick={() => {
                onClose();
                onReload();
              }}
            >
              Reload
            </Button>
          ) : (
            action
          )}
        </>
      }
    >
      {children}
    </Dialog>
  );
}
