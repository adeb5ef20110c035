// Import orders from a CSV file (managers and up): one row per order line, matched by
// column names (external_ref, ordered_at, email or contact_id, sku, quantity, unit_price,
// …). The file goes to POST /import/orders as text/csv; "Dry run" checks it without
// writing. The report shows what was made, what was skipped (imported before) and the
// rows that failed.
import { useId, useState } from 'react';
import { useDocumentTitle } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import { COMMON_CURRENCIES } from '../../lib/money';
import { ImportReportView, importOrders, type ImportReport } from '../../modules/orders';
import { Alert, Button, Card, Field, Options, PageHeader, Select } from '../../ui';

export function OrderImportPage() {
  useDocumentTitle('Import orders');
  const formId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [currency, setCurrency] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<{ report: ImportReport; dryRun: boolean; name: string } | null>(null);

  async function run() {
    if (!file) {
      setFailure('Choose a CSV file first.');
      return;
    }
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      const report = await importOrders(file, { dryRun, currency: currency || undefined });
      setResult({ report, dryRun, name: file.name });
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <PageHeader title="Import orders" subtitle="Bring in orders from a shop or ERP as a CSV file." back={{ to: '/orders', label: 'Orders' }} />
      <Card id={`${formId}-title`} title="Upload a file">
        <form
          className="dialog-form"
          aria-label="Import orders"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <p className="muted">
            One row per order line. Columns by name: <code>external_ref</code> (or order, invoice), <code>ordered_at</code> (or date),
            the customer by <code>email</code>, <code>contact_id</code> or <code>customer_ref</code>, <code>sku</code>, <code>quantity</code>,{' '}
            <code>unit_price</code> (e.g. 12.50), <code>currency</code>, <code>status</code>. Rows with the same reference make one order; an
            order imported before is skipped, so importing a file twice creates nothing new.
          </p>
          <div className="form-grid">
            <Field label="CSV file" required>
              <input
                className="input"
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setResult(null);
                  setFailure(null);
                }}
              />
            </Field>
            <Field label="Currency of rows without one" hint="EUR when not set">
              <Select value={currency} onChange={(e) => setCurrency(e.target.value)}>
                <option value="">Default (EUR)</option>
                <Options options={COMMON_CURRENCIES.map((c) => ({ value: c, label: c }))} />
              </Select>
            </Field>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
            Dry run: check the file without importing
          </label>
          {failure && (
            <Alert tone="danger" title="Could not import the file.">
              {failure}
            </Alert>
          )}
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy}>
              {dryRun ? 'Check file' : 'Import'}
            </Button>
          </div>
        </form>
      </Card>
      {result && (
        <>
          <p className="muted report-note">
            {result.name}: {result.dryRun ? 'checked' : 'imported'}.
          </p>
          <ImportReportView report={result.report} dryRun={result.dryRun} />
        </>
      )}
    </div>
  );
}
