// "New opportunity": title, customer, amount and currency, stage, expected close, owner
// and a note. Raised from a case (`fromCase`), it goes through POST /cases/{id}/opportunity,
// which takes the case's customer and that customer's owner, so it asks only for the
// title, amount and currency.
import { useState } from 'react';
import { textOrNull } from '../../../lib/forms';
import { COMMON_CURRENCIES, parseMoney } from '../../../lib/money';
import { useSave } from '../../../lib/useSave';
import { Dialog, DialogForm, Field, Input, Select, TextArea } from '../../../ui';
import { ContactPicker } from '../../contacts/components/ContactPicker';
import { UserSelect } from '../../users';
import { createCaseOpportunity, createOpportunity } from '../api';
import { usePipeline } from '../hooks';
import { isClosedStage, OPPORTUNITY_FIELDS, type Opportunity, type OpportunityInput } from '../types';

export interface NewOpportunityDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (o: Opportunity) => void;
  /** Prefills the customer (from the contact page). */
  contact?: { id: string; name: string } | null;
  /** Raises it from this case (for the case's customer). */
  fromCase?: { id: string; subject: string } | null;
}

function NewOpportunityForm({ contact, fromCase, onClose, onCreated }: Omit<NewOpportunityDialogProps, 'open'>) {
  const save = useSave(OPPORTUNITY_FIELDS);
  const { stages } = usePipeline();
  const [title, setTitle] = useState(fromCase ? fromCase.subject : '');
  const [contactId, setContactId] = useState<string | null>(contact?.id ?? null);
  const [contactLabel, setContactLabel] = useState(contact?.name ?? '');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<string>('NOK');
  const [stage, setStage] = useState('');
  const [expectedClose, setExpectedClose] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const errors = save.errors;

  function submit() {
    const amountMinor = amount.trim() ? parseMoney(amount, currency) : null;
    if (amount.trim() && amountMinor === null) {
      setAmountError('is not an amount (for example 25000)');
      return;
    }
    setAmountError(null);
    void save.run(async () => {
      if (fromCase) {
        const body: { title: string; amount_minor?: number; currency?: string } = { title: title.trim() };
        if (amountMinor !== null) {
          body.amount_minor = amountMinor;
          body.currency = currency;
        }
        onCreated(await createCaseOpportunity(fromCase.id, body));
        return;
      }
      const input: OpportunityInput = { title: title.trim(), currency };
      if (contactId) input.contact_id = contactId;
      if (amountMinor !== null) input.amount_minor = amountMinor;
      if (stage) input.stage = stage;
      if (expectedClose) input.expected_close = expectedClose;
      if (ownerId) input.owner_id = ownerId;
      const n = textOrNull(note);
      if (n) input.note = n;
      onCreated(await createOpportunity(input));
    });
  }

  return (
    <DialogForm
      label="New opportunity"
      problem={save.problem}
      failTitle="Could not create the opportunity."
      busy={save.busy}
      submitLabel="Create opportunity"
      onSubmit={submit}
      onCancel={onClose}
    >
      {fromCase && <p className="muted">For the case&apos;s customer, owned by the customer&apos;s owner.</p>}
      <div className="form-grid">
        <Field label="Title" required error={errors.title} className="span-2">
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} autoComplete="off" data-autofocus />
        </Field>
        {!fromCase && (
          <Field label="Customer" error={errors.contact_id} className="span-2">
            <ContactPicker
              value={contactId}
              label={contactLabel}
              onChange={(id, name) => {
                setContactId(id);
                setContactLabel(name);
              }}
            />
          </Field>
        )}
        <Field label="Amount" error={amountError ?? errors.amount_minor}>
          <Input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" autoComplete="off" placeholder="0.00" />
        </Field>
        <Field label="Currency" error={errors.currency}>
          <Select value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {COMMON_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </Field>
        {!fromCase && (
          <>
            <Field label="Stage" error={errors.stage}>
              <Select value={stage} onChange={(e) => setStage(e.target.value)}>
                <option value="">{stages[0] ? `${stages[0].name} (first stage)` : 'First stage'}</option>
                {stages
                  .filter((s) => !isClosedStage(s.key))
                  .slice(1)
                  .map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.name} ({s.probability}%)
                    </option>
                  ))}
              </Select>
            </Field>
            <Field label="Expected close" error={errors.expected_close}>
              <Input type="date" value={expectedClose} onChange={(e) => setExpectedClose(e.target.value)} />
            </Field>
            <Field label="Owner" hint="The customer's owner when left empty" error={errors.owner_id}>
              <UserSelect value={ownerId} onChange={setOwnerId} emptyLabel="Customer's owner" />
            </Field>
            <Field label="Note" error={errors.note} className="span-2">
              <TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
            </Field>
          </>
        )}
      </div>
    </DialogForm>
  );
}

export function NewOpportunityDialog({ open, onClose, onCreated, contact, fromCase }: NewOpportunityDialogProps) {
  return (
    <Dialog open={open} title={fromCase ? 'Create opportunity from this case' : 'New opportunity'} onClose={onClose} wide>
      {open && <NewOpportunityForm contact={contact} fromCase={fromCase} onClose={onClose} onCreated={onCreated} />}
    </Dialog>
  );
}
