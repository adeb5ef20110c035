// The contact create/edit form. It holds the typed values and shows the field errors the
// page got from the server next to their fields; the page does the API call (create, or
// a merge patch with If-Match) and decides what the banners say.
import { useEffect, useState } from 'react';
import { todayYmd } from '../../../lib/format';
import { textOrNull } from '../../../lib/forms';
import { useFormState } from '../../../lib/useFormState';
import { Field, FormFrame, Input, Options, Select, type RecordFormProps } from '../../../ui';
import { CompanyPicker } from '../../companies';
import { UserSelect } from '../../users';
import { KINDS, PHASES, RELATIONSHIP_TYPES, type Contact, type ContactInput, type Kind, type Phase, type RelationshipType } from '../types';

export interface ContactFormValues {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  company_id: string | null;
  job_title: string;
  kind: Kind;
  owner_id: string | null;
  phase: Phase;
  relationship_type: RelationshipType | '';
  birthday: string;
  customer_since: string;
  tags: string;
  [key: string]: unknown;
}

export function contactToForm(c?: Partial<Contact> | null): ContactFormValues {
  return {
    first_name: c?.first_name ?? '',
    last_name: c?.last_name ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    company_id: c?.company_id ?? null,
    job_title: c?.job_title ?? '',
    kind: c?.kind ?? 'prospect',
    owner_id: c?.owner_id ?? null,
    phase: c?.phase ?? 'exploration',
    relationship_type: c?.relationship_type ?? '',
    birthday: c?.birthday ?? '',
    customer_since: c?.customer_since ?? '',
    tags: (c?.tags ?? []).join(', '),
  };
}

export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const t of text.split(',')) {
    const s = t.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

export function formToContactInput(v: ContactFormValues): ContactInput {
  return {
    first_name: textOrNull(v.first_name),
    last_name: textOrNull(v.last_name),
    email: textOrNull(v.email),
    phone: textOrNull(v.phone),
    company_id: v.company_id,
    job_title: textOrNull(v.job_title),
    kind: v.kind,
    owner_id: v.owner_id,
    phase: v.phase,
    relationship_type: v.relationship_type === '' ? null : v.relationship_type,
    birthday: textOrNull(v.birthday),
    customer_since: textOrNull(v.customer_since),
    tags: parseTags(v.tags),
  };
}

export interface ContactFormProps extends RecordFormProps<ContactFormValues> {
  /** The name of the company `initial.company_id` names, for the picker's text. */
  initialCompanyName: string;
}

export function ContactForm({ initial, initialCompanyName, errors, disabled, onSubmit, ...frame }: ContactFormProps) {
  const { values, set, error } = useFormState(initial, errors);
  const [companyName, setCompanyName] = useState(initialCompanyName);
  // The company's name may arrive after the form opens.
  useEffect(() => setCompanyName(initialCompanyName), [initialCompanyName]);
  const today = todayYmd();

  return (
    <FormFrame {...frame} errors={errors} disabled={disabled} onSubmit={() => onSubmit(values)}>
      <fieldset className="form-section" disabled={disabled}>
        <legend className="form-legend">Person</legend>
        <div className="form-grid">
          <Field label="First name" error={error('first_name')}>
            <Input value={values.first_name} onChange={(e) => set('first_name', e.target.value)} autoFocus autoComplete="off" maxLength={200} />
          </Field>
          <Field label="Last name" error={error('last_name')}>
            <Input value={values.last_name} onChange={(e) => set('last_name', e.target.value)} autoComplete="off" maxLength={200} />
          </Field>
          <Field label="Email" error={error('email')}>
            <Input type="email" value={values.email} onChange={(e) => set('email', e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Phone" error={error('phone')} hint="Any common format, e.g. 412 34 567">
            <Input type="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Company" error={error('company_id')}>
            <CompanyPicker
              value={values.company_id}
              label={companyName}
              onChange={(id, name) => {
                set('company_id', id);
                setCompanyName(name);
              }}
            />
          </Field>
          <Field label="Job title" error={error('job_title')}>
            <Input value={values.job_title} onChange={(e) => set('job_title', e.target.value)} maxLength={200} />
          </Field>
        </div>
      </fieldset>
      <fieldset className="form-section" disabled={disabled}>
        <legend className="form-legend">Relationship</legend>
        <div className="form-grid">
          <Field label="Kind" error={error('kind')}>
            <Select value={values.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
              <Options options={KINDS} />
            </Select>
          </Field>
          <Field label="Phase" error={error('phase')}>
            <Select value={values.phase} onChange={(e) => set('phase', e.target.value as Phase)}>
              <Options options={PHASES} />
            </Select>
          </Field>
          <Field label="Relationship type" error={error('relationship_type')}>
            <Select
              value={values.relationship_type}
              onChange={(e) => set('relationship_type', e.target.value as RelationshipType | '')}
            >
              <option value="">Not set</option>
              <Options options={RELATIONSHIP_TYPES} />
            </Select>
          </Field>
          <Field label="Owner" error={error('owner_id')}>
            <UserSelect value={values.owner_id} onChange={(id) => set('owner_id', id)} emptyLabel="No owner" />
          </Field>
          <Field label="Customer since" error={error('customer_since')}>
            <Input type="date" value={values.customer_since} max={today} onChange={(e) => set('customer_since', e.target.value)} />
          </Field>
          <Field label="Birthday" error={error('birthday')}>
            <Input type="date" value={values.birthday} max={today} onChange={(e) => set('birthday', e.target.value)} />
          </Field>
          <Field label="Tags" error={error('tags')} hint="Separate tags with commas" className="span-2">
            <Input value={values.tags} onChange={(e) => set('tags', e.target.value)} autoComplete="off" />
          </Field>
        </div>
      </fieldset>
    </FormFrame>
  );
}
