// The RFM grid: recency score (rows, 5 = bought most recently) by frequency score
// (columns, 5 = buys most often), each cell the number of customers there, shaded by how
// many, with their average value on hover. Cells are not coloured by segment: segments
// are read from R and FM (frequency and monetary together), so one R × F cell can hold
// customers of several segments (the segment table beside it has those). A real table,
// so screen readers read it by row and column.
import { formatMoney } from '../../../lib/money';
import type { RfmCell } from '../types';

const SCORES = [1, 2, 3, 4, 5];

export function RfmGrid({ grid, currency }: { grid: RfmCell[]; currency: string | null | undefined }) {
  const at = new Map(grid.map((c) => [`${c.r}-${c.f}`, c]));
  const max = Math.max(1, ...grid.map((c) => c.customers));
  const money = (m: number) => (currency ? formatMoney(m, currency) : String(m));
  return (
    <div className="table-wrap rfm-grid-wrap">
      <table className="rfm-grid" aria-label="RFM grid">
        <caption className="sr-only">Customers by recency score (rows) and frequency score (columns)</caption>
        <thead>
          <tr>
            <th scope="col" className="rfm-corner">
              R \ F
            </th>
            {SCORES.map((f) => (
              <th key={f} scope="col">
                F {f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...SCORES].reverse().map((r) => (
            <tr key={r}>
              <th scope="row">R {r}</th>
              {SCORES.map((f) => {
                const cell = at.get(`${r}-${f}`);
                const n = cell?.customers ?? 0;
                const strength = n / max;
                return (
                  <td
                    key={f}
                    className={strength > 0.55 ? 'rfm-cell rfm-cell-strong' : 'rfm-cell'}
                    style={{ background: n ? `rgb(79 70 229 / ${0.08 + strength * 0.82})` : undefined }}
                    title={cell && n > 0 ? `${n} ${n === 1 ? 'customer' : 'customers'}, average value ${money(cell.average_monetary_minor)}` : undefined}
                    data-r={r}
                    data-f={f}
                  >
                    {n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
