// Moves a contact to another relationship phase (POST /contacts/{id}/phase) and asks
// why: the reason is kept in the phase history and on the timeline. Used on the contact
// page and by the phase board (which presets the target phase from a drop or "Move to…").
import { useEffect, useId, useState } from 'react';
import { humanize } from '../../../lib/format';
import { errorMessage } from '../../../lib/http';
import { Alert, Button, Dialog, Field, Select, TextArea } from '../../../ui';
import { moveContactPhase } from '../api';
import { contactName, PHASES, type Contact, type Phase } from '../types';

export interface PhaseMoveDialogProps {
  /** The contact to move; null closes the dialog. */
  contact: Contact | null;
  /** The phase to preselect (the drop target); defaults to the next phase. */
  target?: Phase | null;
  onClose: () => void;
  onMoved: (moved: Contact) => void;
}

function nextPhase(p: Phase): Phase {
  const i = PHASES.indexOf(p);
  return i < PHASES.length - 1 ? PHASES[i + 1] : PHASES[i - 1];
}

export function PhaseMoveDialog({ contact, target, onClose, onMoved }: PhaseMoveDialogProps) {
  const formId = useId();
  const [phase, setPhase] = useState<Phase>('exploration');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!contact) return;
    setPhase(target && target !== contact.phase ? target : nextPhase(contact.phase));
    setReason('');
    setFailure(null);
    setBusy(false);
  }, [contact, target]);

  async function move() {
    if (!contact) return;
    setBusy(true);
    setFailure(null);
    try {
      const moved = await moveContactPhase(contact.id, phase, reason.trim() || null);
      setBusy(false);
      onMoved(moved);
    } catch (e) {
      setBusy(false);
      setFailure(errorMessage(e));
    }
  }

  const name = contact ? contactName(contact) : '';
  return (
    <Dialog
      open={contact !== null}
      title={`Move ${name} to ${humanize(phase)}?`}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" busy={busy} disabled={!contact || phase === contact.phase}>
            Move
          </Button>
        </>
      }
    >
      {contact && (
        <form
          id={formId}
          className="dialog-form"
          onSubmit={(e) => {
            e.preventDefault();
            void move();
          }}
        >
          {failure && (
            <Alert tone="danger" title="Could not move the contact.">
              {failure}
            </Alert>
          )}
          <p>
            Now in <strong>{humanize(contact.phase)}</strong>. The reason is kept in the contact&apos;s phase history.
          </p>
          <Field label="New phase">
            <Select value={phase} onChange={(e) => setPhase(e.target.value as Phase)}>
              {PHASES.map((p) => (
                <option key={p} value={p} disabled={p === contact.phase}>
                  {humanize(p)}
                  {p === contact.phase ? ' (current)' : ''}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Reason" hint="Optional, up to 500 characters">
            <TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              rows={3}
              // From the board the phase is already chosen: start at the reason.
              data-autofocus={target ? true : undefined}
            />
          </Field>
        </form>
      )}
    </Dialog>
  );
}
