// Pick a contact by typing part of its name or email (searches GET /contacts?q=). Pass
// it to <Field> as the control.
import { Combobox, type ComboOption } from '../../../ui';
import { listContacts } from '../api';
import { rememberContact } from '../hooks';
import { contactName } from '../types';

export interface ContactPickerProps {
  value: string | null;
  label: string;
  onChange: (id: string | null, name: string) => void;
  id?: string;
  disabled?: boolean;
}

async function search(q: string, signal: AbortSignal): Promise<ComboOption[]> {
  const page = await listContacts({ q: q || undefined, sort: 'name', limit: 20 }, signal);
  return page.items.map((c) => {
    rememberContact(c);
    return { value: c.id, label: contactName(c), description: c.email ?? undefined };
  });
}

export function ContactPicker({ value, label, onChange, ...rest }: ContactPickerProps) {
  return (
    <Combobox
      value={value}
      selectedLabel={label}
      search={search}
      onChange={(id, opt) => onChange(id, opt?.label ?? '')}
      placeholder="Search contacts…"
      emptyText="No contact matches"
      {...rest}
    />
  );
}
