// A data table. At laptop width it is a normal table; under ~700px each row becomes a
// card (CSS only), with each cell labelled by its column header via data-label.
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** Text for the cell's label in card layout (defaults to header when it is a string). */
  label?: string;
  render: (row: T) => ReactNode;
  /** The row's title cell: shown large and unlabelled in card layout. */
  primary?: boolean;
  className?: string;
  align?: 'left' | 'right';
  /** Hide the column when the window is narrower than this (table layout only):
   *  'md' < 1100px, 'lg' < 1280px, 'xl' < 1440px. Cards always show every cell. */
  hideBelow?: 'md' | 'lg' | 'xl';
  /** Cut long text with an ellipsis (table layout only). */
  clip?: boolean;
}

export interface TableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** An accessible name for the table (screen readers announce it). */
  label: string;
  /** Shown under the header while a new query loads (existing rows are dimmed). */
  busy?: boolean;
}

export function Table<T>({ columns, rows, rowKey, label, busy }: TableProps<T>) {
  return (
    <div className={busy ? 'table-wrap table-busy' : 'table-wrap'}>
      <table className="table" aria-label={label} aria-busy={busy || undefined}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={[c.align === 'right' ? 'num' : '', c.hideBelow ? `hide-${c.hideBelow}` : ''].filter(Boolean).join(' ') || undefined}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  data-label={c.primary ? undefined : c.label ?? (typeof c.header === 'string' ? c.header : '')}
                  className={[
                    c.primary ? 'cell-primary' : '',
                    c.align === 'right' ? 'num' : '',
                    c.hideBelow ? `hide-${c.hideBelow}` : '',
                    c.clip ? 'cell-clip' : '',
                    c.className ?? '',
                  ]
                    .filter(Boolean)
                    .join(' ') || undefined}
                >
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
