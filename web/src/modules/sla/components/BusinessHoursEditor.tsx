// The weekly business hours of a policy: per weekday none ("Closed"), one or more opening
// intervals "HH:MM"–"HH:MM" ("24:00" closes at midnight). Errors arrive by path, e.g.
// `business_hours.week.mon[0]`, and show under their day.
import { Button, Input } from '../../../ui';
import { WEEKDAY_NAMES, WEEKDAYS, type Interval, type Weekday } from '../types';

export interface BusinessHoursEditorProps {
  week: Record<Weekday, Interval[]>;
  onChange: (week: Record<Weekday, Interval[]>) => void;
  /** Field errors by full path. */
  errors: Record<string, string>;
  disabled?: boolean;
}

function dayError(errors: Record<string, string>, day: Weekday): string | null {
  const prefix = `business_hours.week.${day}`;
  const hit = Object.entries(errors).find(([path]) => path === prefix || path.startsWith(`${prefix}[`));
  return hit ? `${WEEKDAY_NAMES[day]}: ${hit[1]}` : null;
}

export function BusinessHoursEditor({ week, onChange, errors, disabled }: BusinessHoursEditorProps) {
  function setDay(day: Weekday, intervals: Interval[]) {
    onChange({ ...week, [day]: intervals });
  }
  return (
    <div className="hours" role="group" aria-label="Business hours">
      {WEEKDAYS.map((day) => {
        const name = WEEKDAY_NAMES[day];
        const intervals = week[day] ?? [];
        const error = dayError(errors, day);
        // What the opening and the closing time inputs share.
        const time = { className: 'hours-time', maxLength: 5, inputMode: 'numeric', 'aria-invalid': error ? true : undefined, disabled } as const;
        return (
          <div key={day} className={error ? 'hours-day hours-day-invalid' : 'hours-day'}>
            <span className="hours-name">{name}</span>
            <div className="hours-intervals">
              {intervals.length === 0 && <span className="muted hours-closed">Closed</span>}
              {intervals.map(([open, close], i) => {
                const n = intervals.length > 1 ? ` ${i + 1}` : '';
                const update = (at: 0 | 1, v: string) =>
                  setDay(day, intervals.map((iv, j) => (j === i ? ((at === 0 ? [v, iv[1]] : [iv[0], v]) as Interval) : iv)));
                return (
                  <span key={i} className="hours-interval">
                    <Input {...time} aria-label={`${name}${n} opens`} value={open} onChange={(e) => update(0, e.target.value)} placeholder="09:00" />
                    <span aria-hidden="true">–</span>
                    <Input {...time} aria-label={`${name}${n} closes`} value={close} onChange={(e) => update(1, e.target.value)} placeholder="17:00" />
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove ${name}${n} hours`}
                      onClick={() => setDay(day, intervals.filter((_, j) => j !== i))}
                      disabled={disabled}
                    >
                      ×
                    </Button>
                  </span>
                );
              })}
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Add hours on ${name}`}
                onClick={() => {
                  const last = intervals[intervals.length - 1];
                  setDay(day, [...intervals, last ? [last[1], '24:00'] : ['09:00', '17:00']]);
                }}
                disabled={disabled}
              >
                + Hours
              </Button>
            </div>
            {error && <p className="field-error hours-error">{error}</p>}
          </div>
        );
      })}
    </div>
  );
}
