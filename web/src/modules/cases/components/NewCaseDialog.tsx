// "New case": the customer (a contact picker, prefilled on the contact page), subject,
// kind, priority, channel, description and, for a call logged after the fact, when it
// was opened. The server routes the case to an owner and starts its clocks.
import { useState } from 'react';
import { localInputToIso, toLocalInput } from '../../../lib/format';
import { textOrNull } from '../../../lib/forms';
import { useFormState } from '../../../lib/useFormState';
import { useSave } from '../../../lib/useSave';
import { Dialog, DialogForm, Field, Input, Options, Select, TextArea } from '../../../ui';
import { ContactPicker } from '../../contacts/components/ContactPicker';
import { createCase } from '../api';
import {
  CASE_CHANNELS,
  CASE_FIELDS,
  CASE_KINDS,
  CASE_PRIORITIES,
  type Case,
  type CaseChannel,
  type CaseInput,
  type CaseKind,
  type CasePriority,
} from '../types';

export interface NewCaseDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (c: Case) => void;
  /** Prefills the customer (from the contact page). */
  contact?: { id: string; name: string } | null;
}

interface Values {
  contact_id: string | null;
  subject: string;
  kind: CaseKind;
  priority: CasePriority;
  channel: CaseChannel;
  description: string;
  opened_at: string;
  [key: string]: unknown;
}

function toInput(v: Values): CaseInput {
  const input: CaseInput = { subject: v.subject.trim(), kind: v.kind, priority: v.priority, channel: v.channel };
  if (v.contact_id) input.contact_id = v.contact_id;
  const description = textOrNull(v.description);
  if (description) input.description = description;
  const opened = localInputToIso(v.opened_at);
  if (opened) input.opened_at = opened;
  return input;
}

function NewCaseForm({ contact, onClose, onCreated }: Omit<NewCaseDialogProps, 'open'>) {
  const save = useSave(CASE_FIELDS);
  const { values, set, error } = useFormState<Values>(
    {
      contact_id: contact?.id ?? null,
      subject: '',
      kind: 'question',
      priority: 'normal',
      channel: 'phone',
      description: '',
      opened_at: '',
    },
    save.errors,
  );
  const [contactName, setContactName] = useState(contact?.name ?? '');

  return (
    <DialogForm
      label="New case"
      problem={save.problem}
      failTitle="Could not create the case."
      busy={save.busy}
      submitLabel="Create case"
      onSubmit={() => void save.run(async () => onCreated(await createCase(toInput(values))))}
      onCancel={onClose}
    >
      <div className="form-grid">
        <Field label="Customer" required error={error('contact_id')} className="span-2">
          <ContactPicker
            value={values.contact_id}
            label={contactName}
            onChange={(id, name) => {
              set('contact_id', id);
              setContactName(name);
            }}
          />
        </Field>
        <Field label="Subject" required error={error('subject')} className="span-2">
          <Input value={values.subject} onChange={(e) => set('subject', e.target.value)} maxLength={200} autoComplete="off" data-autofocus={contact ? true : undefined} />
        </Field>
        <Field label="Kind" error={error('kind')}>
          <Select value={values.kind} onChange={(e) => set('kind', e.target.value as CaseKind)}>
            <Options options={CASE_KINDS} />
          </Select>
        </Field>
        <Field label="Priority" error={error('priority')}>
          <Select value={values.priority} onChange={(e) => set('priority', e.target.value as CasePriority)}>
            <Options options={CASE_PRIORITIES} />
          </Select>
        </Field>
        <Field label="Channel" error={error('channel')}>
          <Select value={values.channel} onChange={(e) => set('channel', e.target.value as CaseChannel)}>
            <Options options={CASE_CHANNELS} />
          </Select>
        </Field>
        <Field label="Opened at" hint="Now when left empty" error={error('opened_at')}>
          <Input type="datetime-local" value={values.opened_at} max={toLocalInput(new Date())} onChange={(e) => set('opened_at', e.target.value)} />
        </Field>
        <Field label="Description" hint="Markdown" error={error('description')} className="span-2">
          <TextArea value={values.description} onChange={(e) => set('description', e.target.value)} rows={4} maxLength={20000} />
        </Field>
      </div>
    </DialogForm>
  );
}

export function NewCaseDialog({ open, onClose, onCreated, contact }: NewCaseDialogProps) {
  return (
    <Dialog open={open} title="New case" onClose={onClose} wide>
      {open && <NewCaseForm contact={contact} onClose={onClose} onCreated={onCreated} />}
    </Dialog>
  );
}
