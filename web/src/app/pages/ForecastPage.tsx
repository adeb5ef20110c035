// The sales forecast (loaded lazily: it brings the chart library): open opportunities by
// expected close month, weighted by probability, and what was won and lost by the month
// it closed, as a bar chart and a table. Period (months) and owner live in the URL; by
// default this month and the next five.
import { useSearchParams } from 'react-router-dom';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { formatMoney } from '../../lib/money';
import { formatMonth, getForecast, type Forecast, type ForecastFigures, type ForecastParams } from '../../modules/opportunities';
import { ForecastChart } from '../../modules/opportunities/components/ForecastChart';
import { UserSelect } from '../../modules/users';
import { Alert, Input, LoadError, Loading, PageHeader, ToolbarFilter } from '../../ui';

function readParams(p: URLSearchParams): ForecastParams {
  const month = (v: string | null) => (v && /^\d{4}-\d{2}$/.test(v) ? v : undefined);
  return { from: month(p.get('from')), to: month(p.get('to')), owner_id: p.get('owner_id') || undefined };
}

/** What the answer says about opportunities in other currencies (a count, or figures per currency), in words. */
function otherCurrencies(f: Forecast): string | null {
  const o = f.other_currencies;
  if (typeof o === 'number') return o > 0 ? `${o} ${o === 1 ? 'opportunity' : 'opportunities'} in other currencies ${o === 1 ? 'is' : 'are'} left out.` : null;
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    const codes = Object.keys(o);
    return codes.length ? `Opportunities in ${codes.join(', ')} are left out.` : null;
  }
  return null;
}

function ForecastTable({ forecast }: { forecast: Forecast }) {
  // No currency when there is nothing to count.
  const money = (m: number) => (forecast.currency ? formatMoney(m, forecast.currency) : String(m));
  const row = (f: ForecastFigures) => (
    <>
      <td className="num">{f.open_count}</td>
      <td className="num">{money(f.pipeline_minor)}</td>
      <td className="num">{money(f.weighted_minor)}</td>
      <td className="num">{money(f.won_minor)}</td>
      <td className="num">{money(f.lost_minor)}</td>
    </>
  );
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Forecast by month">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="num">Open</th>
            <th scope="col" className="num">Pipeline</th>
            <th scope="col" className="num">Weighted</th>
            <th scope="col" className="num">Won</th>
            <th scope="col" className="num">Lost</th>
          </tr>
        </thead>
        <tbody>
          {forecast.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{formatMonth(m.month)}</th>
              {row(m)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="order-total">
            <th scope="row">Total</th>
            {row(forecast.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function ForecastPage() {
  useDocumentTitle('Forecast');
  const [search, setSearch] = useSearchParams();
  const params = readParams(search);
  const forecast = useResource(JSON.stringify(params), (signal) => getForecast(params, signal));

  function update(patch: Record<string, string | null>) {
    setSearch(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        return n;
      },
      { replace: true },
    );
  }

  const f = forecast.data;
  // Without a period in the URL the inputs show the server's default (this month and the next five).
  const firstMonth = f?.months[0]?.month ?? '';
  const lastMonth = f?.months[f.months.length - 1]?.month ?? '';
  const others = f ? otherCurrencies(f) : null;
  return (
    <div className="page page-wide">
      <PageHeader
        title="Forecast"
        subtitle="Open opportunities by the month they should close, weighted by their probability; won and lost by the month they closed."
        back={{ to: '/sales', label: 'Sales board' }}
      />
      <div className="toolbar" role="group" aria-label="Period">
        <div className="toolbar-filters">
          <ToolbarFilter label="From month">
            <Input type="month" value={params.from ?? firstMonth} onChange={(e) => update({ from: e.target.value })} />
          </ToolbarFilter>
          <span className="muted" aria-hidden="true">
            to
          </span>
          <ToolbarFilter label="To month">
            <Input type="month" value={params.to ?? lastMonth} onChange={(e) => update({ to: e.target.value })} />
          </ToolbarFilter>
          <ToolbarFilter label="Owner">
            <UserSelect value={params.owner_id ?? null} onChange={(v) => update({ owner_id: v })} emptyLabel="All owners" />
          </ToolbarFilter>
        </div>
      </div>
      {forecast.error != null && !f ? (
        <LoadError title="Could not load the forecast." error={forecast.error} onRetry={() => void forecast.reload()} />
      ) : !f ? (
        <Loading label="Loading the forecast…" />
      ) : (
        <div className="report">
          {f.currency && <p className="muted report-note">Amounts in {f.currency}.</p>}
          {others && <Alert tone="info">{others}</Alert>}
          <div className="charts">
            <ForecastChart forecast={f} />
          </div>
          <section className="section" aria-labelledby="forecast-table">
            <h2 className="section-title section-block" id="forecast-table">
              By month
            </h2>
            <ForecastTable forecast={f} />
          </section>
        </div>
      )}
    </div>
  );
}
