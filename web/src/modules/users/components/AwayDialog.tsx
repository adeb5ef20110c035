// "Away": the signed-in user sets when they are away (holiday, leave), so new cases of
// their customers go to the service team meanwhile (PUT /me/away). "Until" may be left
// empty for an open-ended absence; "I'm back" clears the period.
import { useEffect, useId, useState } from 'react';
import { localInputToIso, toLocalInput } from '../../../lib/format';
import { errorMessage } from '../../../lib/http';
import { Alert, Button, Dialog, Field, Input } from '../../../ui';
import { setAway } from '../api';
import type { User } from '../types';

export interface AwayDialogProps {
  open: boolean;
  user: User;
  onClose: () => void;
  onSaved: (user: User) => void;
}

function inputOf(ts: string | null | undefined): string {
  return ts ? toLocalInput(new Date(ts)) : '';
}

export function AwayDialog({ open, user, onClose, onSaved }: AwayDialogProps) {
  const formId = useId();
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setFrom(inputOf(user.away_from) || toLocalInput(new Date()));
    setUntil(inputOf(user.away_until));
    setFailure(null);
  }, [open, user.away_from, user.away_until]);

  async function save(awayFrom: string | null, awayUntil: string | null) {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await setAway(awayFrom, awayUntil);
      setBusy(false);
      onSaved(saved);
    } catch (e) {
      setBusy(false);
      setFailure(errorMessage(e));
    }
  }

  return (
    <Dialog
      open={open}
      title="Away"
      onClose={onClose}
      footer={
        <>
          {user.away_from && (
            <Button variant="ghost" onClick={() => void save(null, null)} disabled={busy}>
              I&apos;m back
            </Button>
          )}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            Save away period
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          const f = localInputToIso(from);
          if (!f) {
            setFailure('Give the time you are away from.');
            return;
          }
          void save(f, localInputToIso(until));
        }}
      >
        {failure && <Alert tone="danger">{failure}</Alert>}
        <p>While you are away, new cases of your customers go to the service team.</p>
        <Field label="Away from" required>
          <Input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="Away until" hint="Leave empty if you do not know yet">
          <Input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </Field>
      </form>
    </Dialog>
  );
}
