// For managers: moves every (non-archived) contact of one owner to another in one step
// (POST /contacts/reassign), e.g. when someone leaves or changes team, and says how many
// moved.
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../../../lib/http';
import { Alert, Button, Dialog, Field } from '../../../ui';
import { userLabel, UserSelect, useUsers } from '../../users';
import { reassignContacts } from '../api';

export interface ReassignCustomersDialogProps {
  open: boolean;
  onClose: () => void;
  /** After contacts moved (to refresh lists). */
  onMoved?: (moved: number) => void;
}

export function ReassignCustomersDialog({ open, onClose, onMoved }: ReassignCustomersDialogProps) {
  const formId = useId();
  const { byId } = useUsers();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setFrom(null);
      setTo(null);
      setErrors({});
      setFailure(null);
      setResult(null);
    }
  }, [open]);

  const name = (id: string | null) => {
    const u = id ? byId.get(id) : undefined;
    return u ? userLabel(u) : 'the other user';
  };

  async function submit() {
    const errs: { from?: string; to?: string } = {};
    if (!from) errs.from = 'Choose whose customers to move';
    if (!to) errs.to = 'Choose who takes them over';
    else if (to === from) errs.to = 'Choose someone other than the current owner';
    setErrors(errs);
    if (errs.from || errs.to || !from || !to) return;
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      const { moved } = await reassignContacts(from, to);
      setResult(
        moved === 0
          ? `${name(from)} has no customers to move.`
          : `Moved ${moved} ${moved === 1 ? 'customer' : 'customers'} from ${name(from)} to ${name(to)}.`,
      );
      onMoved?.(moved);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title="Reassign customers"
      onClose={onClose}
      footer={
        result ? (
          <Button variant="primary" onClick={onClose} autoFocus>
            Done
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="primary" busy={busy}>
              Reassign
            </Button>
          </>
        )
      }
    >
      {result ? (
        <Alert tone="success">{result}</Alert>
      ) : (
        <form
          id={formId}
          className="dialog-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {failure && (
            <Alert tone="danger" title="Could not reassign.">
              {failure}
            </Alert>
          )}
          <p>Every customer the first user owns moves to the second, each with an entry on its timeline.</p>
          <Field label="From owner" required error={errors.from}>
            <UserSelect value={from} onChange={setFrom} emptyLabel="Choose a user…" />
          </Field>
          <Field label="To owner" required error={errors.to}>
            <UserSelect value={to} onChange={setTo} emptyLabel="Choose a user…" />
          </Field>
        </form>
      )}
    </Dialog>
  );
}
