// The SLA policy editor: name, priority and kind it applies to, the two targets in
// business minutes, the time zone, weekly hours and holidays — with the live preview of
// due times beside it. Field errors arrive by full path (`business_hours.week.mon[0]`)
// and show next to their part of the form; the page does the API call.
import { useMemo, useState } from 'react';
import { formatMinutes } from '../../../lib/format';
import { Field, FormFrame, Input, Options, Select, type RecordFormProps } from '../../../ui';
import { CASE_KINDS, CASE_PRIORITIES, type CaseKind, type CasePriority } from '../../cases/types';
import { WEEKDAYS, type Interval, type SlaPolicy, type SlaPolicyInput, type Weekday } from '../types';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import { HolidaysEditor } from './HolidaysEditor';
import { SlaPreviewPanel } from './SlaPreviewPanel';

export interface SlaPolicyFormValues {
  name: string;
  priority: CasePriority;
  kind: CaseKind | '';
  first_response_minutes: string;
  resolution_minutes: string;
  tz: string;
  week: Record<Weekday, Interval[]>;
  holidays: string[];
}

function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows (for the time zone suggestions). */
function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function emptyPolicyForm(): SlaPolicyFormValues {
  const office: Interval[] = [['09:00', '17:00']];
  return {
    name: '',
    priority: 'normal',
    kind: '',
    first_response_minutes: '60',
    resolution_minutes: '480',
    tz: browserZone(),
    week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
    holidays: [],
  };
}

export function policyToForm(p: SlaPolicy): SlaPolicyFormValues {
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, p.business_hours.week?.[d] ?? []])) as Record<Weekday, Interval[]>;
  return {
    name: p.name,
    priority: p.priority,
    kind: p.kind ?? '',
    first_response_minutes: String(p.first_response_minutes),
    resolution_minutes: String(p.resolution_minutes),
    tz: p.business_hours.tz,
    week,
    holidays: [...(p.holidays ?? [])],
  };
}

function minutes(s: string): number {
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(n) ? n : 0;
}

export function formToPolicyInput(v: SlaPolicyFormValues): SlaPolicyInput {
  return {
    name: v.name.trim(),
    priority: v.priority,
    kind: v.kind || null,
    first_response_minutes: minutes(v.first_response_minutes),
    resolution_minutes: minutes(v.resolution_minutes),
    business_hours: { tz: v.tz.trim(), week: v.week },
    holidays: v.holidays,
  };
}

export function SlaPolicyForm({ initial, errors, disabled, onSubmit, ...frame }: RecordFormProps<SlaPolicyFormValues>) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof SlaPolicyFormValues>(key: K, value: SlaPolicyFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const input = useMemo(() => formToPolicyInput(values), [values]);
  const zoneList = useMemo(zones, []);
  const err = (path: string) => errors[path];
  const hint = (s: string) => (minutes(s) >= 60 ? `${formatMinutes(minutes(s))} of business time` : 'Business minutes');

  return (
    <div className="sla-editor">
      <FormFrame {...frame} errors={errors} disabled={disabled} onSubmit={() => onSubmit(values)}>
        <fieldset className="form-section" disabled={disabled}>
          <legend className="form-legend">Applies to</legend>
          <div className="form-grid">
            <Field label="Name" required error={err('name')} className="span-2">
              <Input value={values.name} onChange={(e) => set('name', e.target.value)} maxLength={200} autoComplete="off" />
            </Field>
            <Field label="Priority" required error={err('priority')}>
              <Select value={values.priority} onChange={(e) => set('priority', e.target.value as CasePriority)}>
                <Options options={CASE_PRIORITIES} />
              </Select>
            </Field>
            <Field label="Kind" hint="Any kind when left as “Any”" error={err('kind')}>
              <Select value={values.kind} onChange={(e) => set('kind', e.target.value as CaseKind | '')}>
                <option value="">Any</option>
                <Options options={CASE_KINDS} />
              </Select>
            </Field>
          </div>
        </fieldset>
        <fieldset className="form-section" disabled={disabled}>
          <legend className="form-legend">Targets</legend>
          <div className="form-grid">
            <Field label="First response within (minutes)" required hint={hint(values.first_response_minutes)} error={err('first_response_minutes')}>
              <Input type="number" min={1} max={525600} value={values.first_response_minutes} onChange={(e) => set('first_response_minutes', e.target.value)} />
            </Field>
            <Field label="Resolution within (minutes)" required hint={hint(values.resolution_minutes)} error={err('resolution_minutes')}>
              <Input type="number" min={1} max={525600} value={values.resolution_minutes} onChange={(e) => set('resolution_minutes', e.target.value)} />
            </Field>
          </div>
        </fieldset>
        <fieldset className="form-section" disabled={disabled}>
          <legend className="form-legend">Business hours</legend>
          <div className="form-grid">
            <Field label="Time zone" required hint="An IANA zone, e.g. Europe/Oslo" error={err('business_hours.tz') ?? err('business_hours')} className="span-2">
              <Input value={values.tz} onChange={(e) => set('tz', e.target.value)} list="sla-zones" autoComplete="off" spellCheck={false} />
            </Field>
            <datalist id="sla-zones">
              {zoneList.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <div className="span-2">
              <BusinessHoursEditor week={values.week} onChange={(w) => set('week', w)} errors={errors} disabled={disabled} />
            </div>
          </div>
        </fieldset>
        <fieldset className="form-section" disabled={disabled}>
          <legend className="form-legend">Holidays</legend>
          <HolidaysEditor
            value={values.holidays}
            onChange={(h) => set('holidays', h)}
            error={Object.entries(errors).find(([p]) => p.startsWith('holidays'))?.[1]}
            disabled={disabled}
          />
        </fieldset>
      </FormFrame>
      <SlaPreviewPanel policy={input} />
    </div>
  );
}
