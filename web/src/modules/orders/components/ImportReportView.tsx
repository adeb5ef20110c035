// What an order import did (or, in a dry run, would do): orders, lines, products and
// customers created, orders skipped because their reference was imported before, and
// the rows that failed with why.
import { Alert, Figure, Table } from '../../../ui';
import type { ImportReport } from '../types';

export function ImportReportView({ report, dryRun }: { report: ImportReport; dryRun: boolean }) {
  const errorsTotal = report.errors_total ?? report.errors.length;
  const verb = dryRun ? 'Would create' : 'Created';
  return (
    <section className="section" aria-labelledby="import-report">
      <h2 className="section-title section-block" id="import-report">
        {dryRun ? 'Dry run: nothing was written' : 'Import report'}
      </h2>
      <dl className="figures" aria-label="Import figures">
        <Figure label={`${verb}: orders`} value={report.orders_created} />
        <Figure label={`${verb}: lines`} value={report.lines_created} />
        <Figure label={`${verb}: products`} value={report.products_created} />
        <Figure label={`${verb}: customers`} value={report.contacts_created} />
        <Figure label="Skipped (already imported)" value={report.skipped} />
        <Figure label="Rows with errors" value={errorsTotal} />
      </dl>
      {errorsTotal === 0 ? (
        <Alert tone="success">No row had an error.</Alert>
      ) : (
        <>
          <Alert tone="warning" title={`${errorsTotal} ${errorsTotal === 1 ? 'row has' : 'rows have'} errors.`}>
            An order with any bad row is not created. Fix the rows and import the file again: orders already imported are skipped.
            {errorsTotal > report.errors.length && ` The first ${report.errors.length} are listed.`}
          </Alert>
          <Table
            label="Import errors"
            rows={report.errors}
            rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
            columns={[
              { key: 'row', header: 'Row', align: 'right', render: (e) => e.row },
              { key: 'field', header: 'Column', render: (e) => e.field ?? '—' },
              { key: 'message', header: 'Problem', primary: true, render: (e) => e.message },
            ]}
          />
        </>
      )}
    </section>
  );
}
