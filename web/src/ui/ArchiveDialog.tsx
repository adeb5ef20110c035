// Asks before archiving a record. The archive call sends If-Match, so when someone else
// changed the record since it was shown (412) the dialog says so and offers Reload in
// place of Archive; any other failure shows its message.
import { useState, type ReactNode } from 'react';
import { Button } from './Button';
import { actionFailure, ActionFailureAlert, VersionedActionDialog, type ActionFailure } from './VersionedActionDialog';

export interface ArchiveDialogProps {
  open: boolean;
  /** The record's name: "Archive Kari Nordmann?" */
  name: string;
  /** "contact", "company". */
  noun: string;
  /** Archives, then moves on; a rejection (the API error) is shown in the dialog. */
  onArchive: () => Promise<void>;
  /** Brings in the other person's version after a 412. */
  onReload: () => void;
  onClose: () => void;
  /** What archiving does, shown until something fails. */
  children: ReactNode;
}

export function ArchiveDialog({ open, name, noun, onArchive, onReload, onClose, children }: ArchiveDialogProps) {
  const [archiving, setArchiving] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  async function archive() {
    setArchiving(true);
    setFailure(null);
    try {
      await onArchive();
    } catch (e) {
      setFailure(
        actionFailure(
          e,
          `This ${noun} was changed by someone else since you opened it. Reload to see their changes before archiving.`,
        ),
      );
      setArchiving(false);
    }
  }

  function close() {
    onClose();
    setFailure(null);
  }

  return (
    <VersionedActionDialog
      open={open}
      title={`Archive ${name}?`}
      onClose={close}
      onReload={onReload}
      failure={failure}
      action={
        <Button variant="danger" busy={archiving} onClick={() => void archive()} autoFocus>
          Archive
        </Button>
      }
    >
      {failure ? <ActionFailureAlert failure={failure} /> : children}
    </VersionedActionDialog>
  );
}
