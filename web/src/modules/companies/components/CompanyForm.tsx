// The company create/edit form. It holds the typed values and shows the field errors the
// page got from the server; the page does the API call (create or If-Match patch).
import { textOrNull } from '../../../lib/forms';
import { useFormState } from '../../../lib/useFormState';
import { Field, FormFrame, Input, TextArea, type RecordFormProps } from '../../../ui';
import { UserSelect } from '../../users';
import type { Company, CompanyInput } from '../types';

export interface CompanyFormValues {
  name: string;
  domain: string;
  industry: string;
  owner_id: string | null;
  phone: string;
  address: string;
  [key: string]: unknown;
}

export function companyToForm(c?: Partial<Company> | null): CompanyFormValues {
  return {
    name: c?.name ?? '',
    domain: c?.domain ?? '',
    industry: c?.industry ?? '',
    owner_id: c?.owner_id ?? null,
    phone: c?.phone ?? '',
    address: c?.address ?? '',
  };
}

export function formToCompanyInput(v: CompanyFormValues): CompanyInput {
  return {
    name: textOrNull(v.name),
    domain: textOrNull(v.domain),
    industry: textOrNull(v.industry),
    owner_id: v.owner_id,
    phone: textOrNull(v.phone),
    address: textOrNull(v.address),
  };
}

export type CompanyFormProps = RecordFormProps<CompanyFormValues>;

export function CompanyForm({ initial, errors, disabled, onSubmit, ...frame }: CompanyFormProps) {
  const { values, set, error } = useFormState(initial, errors);
  return (
    <FormFrame {...frame} errors={errors} disabled={disabled} onSubmit={() => onSubmit(values)}>
      <fieldset className="form-grid" disabled={disabled}>
        <Field label="Name" required error={error('name')} className="span-2">
          <Input value={values.name} onChange={(e) => set('name', e.target.value)} autoFocus maxLength={200} />
        </Field>
        <Field label="Domain" error={error('domain')} hint="e.g. example.com">
          <Input value={values.domain} onChange={(e) => set('domain', e.target.value)} inputMode="url" spellCheck={false} />
        </Field>
        <Field label="Industry" error={error('industry')}>
          <Input value={values.industry} onChange={(e) => set('industry', e.target.value)} />
        </Field>
        <Field label="Phone" error={error('phone')}>
          <Input value={values.phone} onChange={(e) => set('phone', e.target.value)} type="tel" autoComplete="off" />
        </Field>
        <Field label="Owner" error={error('owner_id')}>
          <UserSelect value={values.owner_id} onChange={(id) => set('owner_id', id)} emptyLabel="No owner" />
        </Field>
        <Field label="Address" error={error('address')} className="span-2">
          <TextArea value={values.address} onChange={(e) => set('address', e.target.value)} rows={3} maxLength={1000} />
        </Field>
      </fieldset>
    </FormFrame>
  );
}
