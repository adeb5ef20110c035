// Losing an opportunity asks why (the server needs `lost_reason`): the reason is kept on
// the opportunity and its customer's timeline. The move sends If-Match; a 412 offers Reload.
import { useEffect, useId, useState } from 'react';
import { actionFailure, ActionFailureAlert, Button, Field, TextArea, VersionedActionDialog, type ActionFailure } from '../../../ui';
import { moveOpportunity } from '../api';
import { LOST, type Opportunity } from '../types';

export interface LostReasonDialogProps {
  /** The opportunity to lose; null closes the dialog. */
  opportunity: Opportunity | null;
  onClose: () => void;
  onLost: (o: Opportunity) => void;
  onReload: () => void;
}

const STALE = 'This opportunity was changed by someone else since you opened it. Reload, then try again.';

export function LostReasonDialog({ opportunity, onClose, onLost, onReload }: LostReasonDialogProps) {
  const formId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  useEffect(() => {
    setReason('');
    setError(null);
    setFailure(null);
    setBusy(false);
  }, [opportunity]);

  async function lose() {
    if (!opportunity) return;
    if (!reason.trim()) {
      setError('is required');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const saved = await moveOpportunity(opportunity, LOST, reason.trim());
      setBusy(false);
      onLost(saved);
    } catch (e) {
      setBusy(false);
      setFailure(actionFailure(e, STALE));
    }
  }

  return (
    <VersionedActionDialog
      open={opportunity !== null}
      title={opportunity ? `Mark “${opportunity.title}” as lost?` : 'Mark as lost'}
      onClose={onClose}
      onReload={onReload}
      failure={failure}
      action={
        <Button type="submit" form={formId} variant="danger" busy={busy}>
          Mark as lost
        </Button>
      }
    >
      <form
        id={formId}
        className="dialog-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void lose();
        }}
      >
        {failure && <ActionFailureAlert failure={failure} />}
        <Field label="Why was it lost?" required error={error}>
          <TextArea
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
            rows={3}
            maxLength={500}
            data-autofocus
          />
        </Field>
      </form>
    </VersionedActionDialog>
  );
}
