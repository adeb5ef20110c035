// One key figure in a <dl className="figures">: a label over a large value, with an
// optional note under it.
import type { ReactNode } from 'react';

export function Figure({ label, value, note }: { label: string; value: ReactNode; note?: string }) {
  return (
    <div className="figure card">
      <dt>{label}</dt>
      <dd>
        <span className="figure-value">{value}</span>
        {note && <span className="figure-note">{note}</span>}
      </dd>
    </div>
  );
}
