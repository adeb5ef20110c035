// The holidays of a policy: local dates on which the clocks stand still all day.
import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { Button, Input } from '../../../ui';

export interface HolidaysEditorProps {
  value: string[];
  onChange: (dates: string[]) => void;
  error?: string | null;
  disabled?: boolean;
}

export function HolidaysEditor({ value, onChange, error, disabled }: HolidaysEditorProps) {
  const [date, setDate] = useState('');
  function add() {
    if (!date || value.includes(date)) return;
    onChange([...value, date].sort());
    setDate('');
  }
  return (
    <div className="holidays" role="group" aria-label="Holidays">
      <div className="holidays-add">
        <Input type="date" aria-label="Holiday date" value={date} onChange={(e) => setDate(e.target.value)} disabled={disabled} />
        <Button size="sm" onClick={add} disabled={disabled || !date}>
          Add holiday
        </Button>
      </div>
      {value.length === 0 ? (
        <p className="muted">No holidays.</p>
      ) : (
        <ul className="tag-list holidays-list" aria-label="Holiday dates">
          {value.map((d) => (
            <li key={d} className="holiday">
              <span>{formatDate(d)}</span>
              <button type="button" className="holiday-remove" aria-label={`Remove ${formatDate(d)}`} onClick={() => onChange(value.filter((x) => x !== d))} disabled={disabled}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
