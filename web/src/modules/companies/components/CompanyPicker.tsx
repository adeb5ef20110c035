// Pick a company by typing part of its name (searches GET /companies?q=). Pass it to
// <Field> as the control.
import { RecordPicker, type PickerProps } from '../../../ui';
import { listCompanies } from '../api';
import { rememberCompany } from '../hooks';
import type { Company } from '../types';

function toOption(c: Company) {
  rememberCompany(c);
  return { value: c.id, label: c.name, description: c.domain ?? undefined };
}

export function CompanyPicker(props: PickerProps) {
  return (
    <RecordPicker
      {...props}
      list={listCompanies}
      toOption={toOption}
      placeholder="Search companies…"
      emptyText="No company matches"
    />
  );
}
