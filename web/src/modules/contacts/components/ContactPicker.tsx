// Pick a contact by typing part of its name or email (searches GET /contacts?q=). Pass
// it to <Field> as the control.
import { RecordPicker, type PickerProps } from '../../../ui';
import { listContacts } from '../api';
import { rememberContact } from '../hooks';
import { contactName, type Contact } from '../types';

function toOption(c: Contact) {
  rememberContact(c);
  return { value: c.id, label: contactName(c), description: c.email ?? undefined };
}

export function ContactPicker(props: PickerProps) {
  return (
    <RecordPicker
      {...props}
      list={listContacts}
      toOption={toOption}
      placeholder="Search contacts…"
      emptyText="No contact matches"
    />
  );
}
