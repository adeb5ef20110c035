// "Reassign": picks a new owner (key account manager) for one contact from the active
// users and saves it with a merge patch carrying If-Match, so it cannot overwrite a
// version the user has not seen (412 → says so and offers Reload).
import { useEffect, useId, useState } from 'react';
import {
  actionFailure,
  ActionFailureAlert,
  Button,
  Field,
  VersionedActionDialog,
  type ActionFailure,
} from '../../../ui';
import { UserSelect } from '../../users';
import { updateContact } from '../api';
import { contactName, type Contact } from '../types';

export interface OwnerDialogProps {
  open: boolean;
  contact: Contact;
  onClose: () => void;
  onSaved: (saved: Contact) => void;
  /** Brings in the other person's version after a 412. */
  onReload: () => void;
}

export function OwnerDialog({ open, contact, onClose, onSaved, onReload }: OwnerDialogProps) {
  const formId = useId();
  const [ownerId, setOwnerId] = useState<string | null>(contact.owner_id);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  useEffect(() => {
    if (open) {
      setOwnerId(contact.owner_id);
      setFailure(null);
    }
  }, [open, contact.owner_id]);

  async function save() {
    if (ownerId === contact.owner_id) {
      onClose();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const saved = await updateContact(contact.id, { owner_id: ownerId }, contact.version);
      setBusy(false);
      onSaved(saved);
    } catch (e) {
      setBusy(false);
      setFailure(
        actionFailure(
          e,
          'This contact was changed by someone else since you opened it. Reload to see their changes, then reassign.',
        ),
      );
    }
  }

  return (
    <VersionedActionDialog
      open={open}
      title={`Reassign ${contactName(contact)}`}
      onClose={onClose}
      onReload={onReload}
      failure={failure}
      action={
        <Button type="submit" form={formId} variant="primary" busy={busy}>
          Save owner
        </Button>
      }
    >
      <form
        id={formId}
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {failure && <ActionFailureAlert failure={failure} />}
        <p>The owner is the contact&apos;s dedicated rep. The change shows on the timeline.</p>
        <Field label="New owner">
          <UserSelect value={ownerId} onChange={setOwnerId} emptyLabel="No owner" />
        </Field>
      </form>
    </VersionedActionDialog>
  );
}
