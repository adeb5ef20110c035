// The new-task form: title, kind, due date (and time), the contact it is about and who
// does it. It holds the typed values and shows the server's field errors next to their
// fields; the page does the API call.
//
// Contact pressure: for a task about a contact whose kind becomes an outbound touch, the
// form asks the server how many outbound touches the customer has around the due time
// (now when there is none) and, when none are left, warns above the submit button.
// Planning is not refused (a task is not an interaction), so the warning does not block.
import { useState } from 'react';
import { localDateTimeToIso } from '../../../lib/format';
import { textOrNull } from '../../../lib/forms';
import { useFormState } from '../../../lib/useFormState';
import { Field, FormFrame, Input, Options, Select, TextArea, type RecordFormProps } from '../../../ui';
import { ContactPicker } from '../../contacts/components/ContactPicker';
import { PressureWarning } from '../../interactions/components/PressureWarning';
import { OUTBOUND_TASK_KINDS, usePlannedPressure } from '../../interactions/usePlannedPressure';
import { UserSelect } from '../../users';
import { TASK_KINDS, type TaskInput, type TaskKind } from '../types';

export interface TaskFormValues {
  title: string;
  kind: TaskKind;
  due_date: string;
  due_time: string;
  contact_id: string | null;
  assignee_id: string | null;
  notes: string;
  [key: string]: unknown;
}

function dueIso(v: TaskFormValues): string | null {
  return v.due_date ? localDateTimeToIso(v.due_date, v.due_time || undefined) : null;
}

export function formToTaskInput(v: TaskFormValues): TaskInput {
  const input: TaskInput = { title: v.title.trim(), kind: v.kind };
  const due = dueIso(v);
  if (due) input.due_at = due;
  if (v.contact_id) input.contact_id = v.contact_id;
  if (v.assignee_id) input.assignee_id = v.assignee_id;
  const notes = textOrNull(v.notes);
  if (notes) input.notes = notes;
  return input;
}

export function TaskForm({ initial, errors, disabled, onSubmit, ...frame }: RecordFormProps<TaskFormValues>) {
  const { values, set, error } = useFormState(initial, errors);
  const [contactName, setContactName] = useState('');
  // A due_at error belongs to the date field.
  const dueError = error('due_at') ?? error('due_date');

  const outbound = values.contact_id !== null && OUTBOUND_TASK_KINDS.includes(values.kind);
  // How many outbound touches are left around the due time (now when there is none).
  const pressure = usePlannedPressure(outbound ? values.contact_id : null, dueIso(values));
  const limited = pressure !== null && pressure.remaining === 0;

  return (
    <FormFrame {...frame} errors={errors} disabled={disabled} onSubmit={() => onSubmit(values)}>
      <fieldset className="form-section" disabled={disabled}>
        <legend className="sr-only">Task</legend>
        <div className="form-grid">
          <Field label="Title" required error={error('title')} className="span-2">
            <Input value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={200} autoFocus autoComplete="off" />
          </Field>
          <Field label="Kind" error={error('kind')}>
            <Select value={values.kind} onChange={(e) => set('kind', e.target.value as TaskKind)}>
              <Options options={TASK_KINDS} />
            </Select>
          </Field>
          <Field label="Assignee" error={error('assignee_id')}>
            <UserSelect value={values.assignee_id} onChange={(id) => set('assignee_id', id)} emptyLabel="Me" />
          </Field>
          <Field label="Due date" error={dueError}>
            <Input type="date" value={values.due_date} onChange={(e) => set('due_date', e.target.value)} />
          </Field>
          <Field label="Due time" hint="09:00 when left empty" error={error('due_time')}>
            <Input type="time" value={values.due_time} onChange={(e) => set('due_time', e.target.value)} disabled={!values.due_date} />
          </Field>
          <Field label="Contact" error={error('contact_id')} className="span-2">
            <ContactPicker
              value={values.contact_id}
              label={contactName}
              onChange={(id, name) => {
                set('contact_id', id);
                setContactName(name);
              }}
            />
          </Field>
          <Field label="Notes" error={error('notes')} className="span-2">
            <TextArea value={values.notes} onChange={(e) => set('notes', e.target.value)} maxLength={20000} rows={2} />
          </Field>
        </div>
      </fieldset>
      {limited && <PressureWarning pressure={pressure} conflict={null} planned />}
    </FormFrame>
  );
}
