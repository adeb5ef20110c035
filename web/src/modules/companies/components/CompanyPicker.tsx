// Pick a company by typing part of its name (searches GET /companies?q=). Pass it to
// <Field> as the control.
import { Combobox, type ComboOption } from '../../../ui';
import { listCompanies } from '../api';
import { rememberCompany } from '../hooks';

export interface CompanyPickerProps {
  value: string | null;
  label: string;
  onChange: (id: string | null, name: string) => void;
  id?: string;
  disabled?: boolean;
}

async function search(q: string, signal: AbortSignal): Promise<ComboOption[]> {
  const page = await listCompanies({ q: q || undefined, sort: 'name', limit: 20 }, signal);
  return page.items.map((c) => {
    rememberCompany(c);
    return { value: c.id, label: c.name, description: c.domain ?? undefined };
  });
}

export function CompanyPicker({ value, label, onChange, ...rest }: CompanyPickerProps) {
  return (
    <Combobox
      value={value}
      selectedLabel={label}
      search={search}
      onChange={(id, opt) => onChange(id, opt?.label ?? '')}
      placeholder="Search companies…"
      emptyText="No company matches"
      {...rest}
    />
  );
}
