// Pick one record by typing part of its name: a Combobox over a collection's list
// endpoint (first 20 matches of `?q=`, sorted by name). Pass it to <Field> as the control.
import type { Page } from '../lib/http';
import { Combobox, type ComboOption } from './Combobox';

/** What a picker of one kind of record (contacts, companies) takes from its caller. */
export interface PickerProps {
  value: string | null;
  label: string;
  onChange: (id: string | null, name: string) => void;
  id?: string;
  disabled?: boolean;
}

export interface RecordPickerProps<T> extends PickerProps {
  list: (params: { q?: string; sort: 'name'; limit: number }, signal: AbortSignal) => Promise<Page<T>>;
  /** The option for one record of the answer (the place to cache the record, too). */
  toOption: (record: T) => ComboOption;
  placeholder: string;
  emptyText: string;
}

export function RecordPicker<T>({ value, label, onChange, list, toOption, ...rest }: RecordPickerProps<T>) {
  async function search(q: string, signal: AbortSignal): Promise<ComboOption[]> {
    const page = await list({ q: q || undefined, sort: 'name', limit: 20 }, signal);
    return page.items.map(toOption);
  }
  return (
    <Combobox
      value={value}
      selectedLabel={label}
      search={search}
      onChange={(id, opt) => onChange(id, opt?.label ?? '')}
      {...rest}
    />
  );
}
