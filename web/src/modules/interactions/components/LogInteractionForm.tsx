// The quick "Log interaction" form: channel, direction, when, sentiment, subject, notes
// and outcome, and (when `followUp`) a follow-up task made right after the interaction.
//
// Contact pressure: while the direction is outbound the form asks the server how many
// outbound touches the customer already has around that time; when none are left it
// shows the warning *before* the user submits and keeps the submit button disabled until
// an override reason is given. A 409 contact-pressure answer (someone else got there
// first) shows the same warning. The caller does the interaction call (`onLog`): a plain
// create on the contact page, a task completion on My tasks.
//
// A follow-up task that becomes an outbound touch gets the planned warning (not blocking)
// when it would go over the cap at its due time, the interaction logged with it included.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { localDateTimeToIso, localInputToIso, toLocalInput } from '../../../lib/format';
import { splitFieldErrors, useFocusFirstError } from '../../../lib/forms';
import { useDebouncedValue } from '../../../lib/hooks';
import { ApiError, errorMessage, isAbort, isApiError } from '../../../lib/http';
import { Alert, Button, Field, Input, Options, Select, TextArea } from '../../../ui';
import { createTask } from '../../tasks/api';
import { TASK_KINDS, type TaskKind } from '../../tasks/types';
import { getPressure } from '../api';
import {
  CHANNELS,
  DIRECTIONS,
  INTERACTION_FIELDS,
  OUTCOME_SUGGESTIONS,
  SENTIMENTS,
  type Channel,
  type Direction,
  type Interaction,
  type InteractionInput,
  type Pressure,
  type PressureConflict,
} from '../types';
import { OUTBOUND_TASK_KINDS, usePlannedPressure } from '../usePlannedPressure';
import { PressureWarning } from './PressureWarning';

export interface LogInteractionFormProps {
  contactId: string;
  /** The submit button's text ("Log interaction", "Done and log"). */
  submitLabel: string;
  /** Logs the interaction; a rejection (the API error) is shown by the form. */
  onLog: (input: InteractionInput) => Promise<Interaction | null | void>;
  /** After the interaction (and any follow-up task) was saved. */
  onLogged?: (what: { followUpCreated: boolean }) => void;
  onCancel?: () => void;
  /** Offer a follow-up task (POST /tasks after the interaction). */
  followUp?: boolean;
  initialChannel?: Channel;
  initialDirection?: Direction;
  /** Field errors arrive as `<prefix>channel` (the task completion answers `interaction.channel`). */
  fieldPrefix?: string;
  className?: string;
  /** The form's accessible name (defaults to submitLabel). */
  label?: string;
}

interface Values {
  channel: Channel;
  direction: Direction;
  occurred_at: string;
  sentiment: string;
  subject: string;
  notes: string;
  outcome: string;
  override_reason: string;
  task_title: string;
  task_due: string;
  task_kind: TaskKind;
}

const KNOWN = [...INTERACTION_FIELDS, 'task_title', 'task_due'] as const;

function blank(channel: Channel, direction: Direction): Values {
  return {
    channel,
    direction,
    occurred_at: toLocalInput(new Date()),
    sentiment: '',
    subject: '',
    notes: '',
    outcome: '',
    override_reason: '',
    task_title: '',
    task_due: '',
    task_kind: 'call',
  };
}

/** The problem's field errors without `prefix` ("interaction.channel" → "channel"). */
function unprefixed(err: ApiError, prefix: string): ApiError {
  if (!prefix) return err;
  const errors = err.fieldErrors.map((f) => ({ ...f, field: f.field.startsWith(prefix) ? f.field.slice(prefix.length) : f.field }));
  return new ApiError(err.status, { ...err.problem, errors });
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

export function LogInteractionForm({
  contactId,
  submitLabel,
  onLog,
  onLogged,
  onCancel,
  followUp = false,
  initialChannel = 'phone',
  initialDirection = 'outbound',
  fieldPrefix = '',
  className,
  label,
}: LogInteractionFormProps) {
  const idBase = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(() => blank(initialChannel, initialDirection));
  // Whether the user set the time; if not, the server's "now" is used.
  const [timeTouched, setTimeTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState<PressureConflict | null>(null);
  const [pressure, setPressure] = useState<Pressure | null>(null);
  const [pressureGen, setPressureGen] = useState(0);
  // The interaction was logged but the follow-up task failed: offer to create it again.
  const [taskFailure, setTaskFailure] = useState<{ text: string; body: Parameters<typeof createTask>[0] } | null>(null);
  const [retrying, setRetrying] = useState(false);
  useFocusFirstError(formRef, errors);

  const outbound = values.direction === 'outbound';
  const at = useDebouncedValue(timeTouched ? localInputToIso(values.occurred_at) ?? '' : '', 300);

  // Ask how many outbound touches are left whenever the direction is (or becomes) outbound.
  useEffect(() => {
    if (!outbound) {
      setPressure(null);
      return;
    }
    const ac = new AbortController();
    getPressure(contactId, at || undefined, ac.signal).then(
      (p) => {
        if (!ac.signal.aborted) setPressure(p);
      },
      (e) => {
        // Without the status the server still refuses with 409, which the form shows.
        if (!isAbort(e) && !ac.signal.aborted) setPressure(null);
      },
    );
    return () => ac.abort();
  }, [contactId, outbound, at, pressureGen]);

  const limited = outbound && (conflict !== null || (pressure !== null && pressure.remaining === 0));
  const needsReason = limited && values.override_reason.trim() === '';

  // The follow-up task, when it becomes an outbound touch: warn (without blocking) when it
  // would go over the cap at its due time, counting the outbound interaction logged with it
  // when that lies within the window of the due time.
  const plannedOutbound = followUp && values.task_title.trim() !== '' && OUTBOUND_TASK_KINDS.includes(values.task_kind);
  const taskDue = values.task_due ? localDateTimeToIso(values.task_due) : null;
  const planned = usePlannedPressure(plannedOutbound ? contactId : null, taskDue);
  const plannedLimited = (() => {
    if (!plannedOutbound || planned === null || planned.remaining === null) return false;
    const occurred = timeTouched ? Date.parse(localInputToIso(values.occurred_at) ?? '') : Date.now();
    const due = taskDue ? Date.parse(taskDue) : Date.now();
    const counts = outbound && !Number.isNaN(occurred) && Math.abs(due - occurred) <= planned.window_days * 24 * 3600 * 1000;
    return planned.remaining - (counts ? 1 : 0) <= 0;
  })();

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)));
    if (key === 'direction' && value !== 'outbound') setConflict(null);
  }

  function body(): InteractionInput {
    const out: InteractionInput = { channel: values.channel, direction: values.direction };
    if (timeTouched) {
      const iso = localInputToIso(values.occurred_at);
      if (iso) out.occurred_at = iso;
    }
    if (values.sentiment !== '') out.sentiment = Number(values.sentiment);
    if (values.subject.trim()) out.subject = values.subject.trim();
    if (values.notes.trim()) out.notes = values.notes;
    if (values.outcome.trim()) out.outcome = values.outcome.trim();
    if (limited && values.override_reason.trim()) out.override_reason = values.override_reason.trim();
    return out;
  }

  async function makeTask(task: Parameters<typeof createTask>[0]): Promise<boolean> {
    try {
      await createTask(task);
      setTaskFailure(null);
      return true;
    } catch (e) {
      setTaskFailure({ text: errorMessage(e), body: task });
      return false;
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || needsReason) return;
    const fieldErrors: Record<string, string> = {};
    if (timeTouched && !localInputToIso(values.occurred_at)) fieldErrors.occurred_at = 'is not a valid date and time';
    const wantsTask = followUp && (values.task_title.trim() !== '' || values.task_due !== '');
    if (wantsTask && values.task_title.trim() === '') fieldErrors.task_title = 'is required for a follow-up task';
    if (Object.keys(fieldErrors).length) {
      setErrors(fieldErrors);
      return;
    }
    setBusy(true);
    setErrors({});
    setMessages([]);
    setTaskFailure(null);
    try {
      await onLog(body());
    } catch (err) {
      setBusy(false);
      if (isApiError(err) && err.status === 409 && err.type === 'contact-pressure') {
        setConflict({ limit: num(err.problem.limit), window_days: num(err.problem.window_days), count: num(err.problem.count) });
        setPressureGen((g) => g + 1);
        return;
      }
      if (isApiError(err) && (err.status === 422 || err.status === 400)) {
        const { fields, other } = splitFieldErrors(unprefixed(err, fieldPrefix), KNOWN);
        setErrors(fields);
        setMessages(other.length > 0 ? other : Object.keys(fields).length === 0 ? [err.detail] : []);
        return;
      }
      setMessages([errorMessage(err)]);
      return;
    }
    // The interaction is saved: the form starts over, except a follow-up that failed.
    let followUpCreated = false;
    if (wantsTask) {
      followUpCreated = await makeTask({
        title: values.task_title.trim(),
        kind: values.task_kind,
        contact_id: contactId,
        due_at: values.task_due ? localDateTimeToIso(values.task_due) : null,
      });
    }
    setValues((v) => ({
      ...blank(v.channel, v.direction),
      ...(wantsTask && !followUpCreated ? { task_title: v.task_title, task_due: v.task_due, task_kind: v.task_kind } : {}),
    }));
    setTimeTouched(false);
    setConflict(null);
    setPressureGen((g) => g + 1);
    setBusy(false);
    onLogged?.({ followUpCreated });
  }

  const fid = (name: string) => `${idBase}-${name}`;
  const error = (name: string) => errors[name];

  return (
    <form
      ref={formRef}
      className={['form', 'log-form', className ?? ''].filter(Boolean).join(' ')}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={label ?? submitLabel}
    >
      {messages.length > 0 && (
        <Alert tone="danger" title="Could not log the interaction.">
          {messages.length === 1 ? <p>{messages[0]}</p> : <ul>{messages.map((m) => <li key={m}>{m}</li>)}</ul>}
        </Alert>
      )}
      {taskFailure && (
        <Alert
          tone="danger"
          title="The interaction was logged, but the follow-up task was not created."
          actions={
            <Button
              size="sm"
              busy={retrying}
              onClick={async () => {
                setRetrying(true);
                const ok = await makeTask(taskFailure.body);
                setRetrying(false);
                if (ok) setValues((v) => ({ ...v, task_title: '', task_due: '', task_kind: 'call' }));
              }}
            >
              Create the task
            </Button>
          }
        >
          {taskFailure.text}
        </Alert>
      )}
      <div className="form-grid">
        <Field label="Channel" error={error('channel')}>
          <Select id={fid('channel')} value={values.channel} onChange={(e) => set('channel', e.target.value as Channel)}>
            <Options options={CHANNELS} />
          </Select>
        </Field>
        <Field label="Direction" error={error('direction')}>
          <Select id={fid('direction')} value={values.direction} onChange={(e) => set('direction', e.target.value as Direction)}>
            <Options options={DIRECTIONS} />
          </Select>
        </Field>
        <Field label="When" error={error('occurred_at')} hint={timeTouched ? undefined : 'Now, unless you change it'}>
          <Input
            id={fid('occurred_at')}
            type="datetime-local"
            value={values.occurred_at}
            onChange={(e) => {
              set('occurred_at', e.target.value);
              setTimeTouched(true);
            }}
          />
        </Field>
        <Field label="Sentiment" error={error('sentiment')}>
          <Select id={fid('sentiment')} value={values.sentiment} onChange={(e) => set('sentiment', e.target.value)}>
            <option value="">Not set</option>
            <Options options={SENTIMENTS} />
          </Select>
        </Field>
        <Field label="Subject" error={error('subject')} className="span-2">
          <Input id={fid('subject')} value={values.subject} onChange={(e) => set('subject', e.target.value)} maxLength={200} autoComplete="off" />
        </Field>
        <Field label="Notes" error={error('notes')} hint="Markdown: **bold**, *italic*, lists and links" className="span-2">
          <TextArea id={fid('notes')} value={values.notes} onChange={(e) => set('notes', e.target.value)} maxLength={20000} rows={3} />
        </Field>
        <Field label="Outcome" error={error('outcome')} hint="e.g. answered, no_answer, complaint">
          <Input
            id={fid('outcome')}
            value={values.outcome}
            onChange={(e) => set('outcome', e.target.value)}
            maxLength={100}
            list={fid('outcomes')}
            autoComplete="off"
          />
        </Field>
        <datalist id={fid('outcomes')}>
          {OUTCOME_SUGGESTIONS.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </div>

      {limited && (
        <div className="pressure-block">
          <PressureWarning pressure={pressure} conflict={conflict} />
          <Field label="Override reason" required error={error('override_reason')} hint="Why contact this customer anyway? Kept with the interaction.">
            <TextArea
              id={fid('override_reason')}
              value={values.override_reason}
              onChange={(e) => set('override_reason', e.target.value)}
              maxLength={500}
              rows={2}
            />
          </Field>
        </div>
      )}

      {followUp && (
        <fieldset className="form-section">
          <legend className="form-legend">Follow-up (optional)</legend>
          <div className="form-grid">
            <Field label="Follow-up task" error={error('task_title')} className="span-2" hint="Created for you, about this contact">
              <Input id={fid('task_title')} value={values.task_title} onChange={(e) => set('task_title', e.target.value)} maxLength={200} autoComplete="off" />
            </Field>
            <Field label="Due date" error={error('task_due')}>
              <Input id={fid('task_due')} type="date" value={values.task_due} onChange={(e) => set('task_due', e.target.value)} />
            </Field>
            <Field label="Task kind">
              <Select id={fid('task_kind')} value={values.task_kind} onChange={(e) => set('task_kind', e.target.value as TaskKind)}>
                <Options options={TASK_KINDS} />
              </Select>
            </Field>
          </div>
          {plannedLimited && <PressureWarning pressure={planned} conflict={null} planned />}
        </fieldset>
      )}

      <div className="form-actions">
        {needsReason && (
          <span className="form-actions-note" id={fid('blocked')}>
            Give an override reason to log it.
          </span>
        )}
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" variant="primary" busy={busy} disabled={needsReason} aria-describedby={needsReason ? fid('blocked') : undefined}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
