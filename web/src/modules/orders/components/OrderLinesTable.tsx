// An order's lines (product, quantity, unit price, line total) with the order's total
// and, when service lines are on it, the merchandise value the analyses use.
import { formatMoney } from '../../../lib/money';
import { Badge } from '../../../ui';
import type { Order } from '../types';

export function OrderLinesTable({ order }: { order: Order }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const hasService = order.lines.some((l) => l.is_service);
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Order lines">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">SKU</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Unit price</th>
            <th scope="col" className="num">Line total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l, i) => (
            <tr key={`${l.product_id}-${i}`}>
              <td className="cell-primary">
                {l.name} {l.is_service && <Badge tone="violet">Service</Badge>}
              </td>
              <td data-label="SKU">
                <code className="sku">{l.sku}</code>
              </td>
              <td data-label="Quantity" className="num">{l.quantity}</td>
              <td data-label="Unit price" className="num">{money(l.unit_price_minor)}</td>
              <td data-label="Line total" className="num">{money(l.line_total_minor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="order-total">
            <th scope="row" colSpan={4}>
              Total
            </th>
            <td className="num">{money(order.total_minor)}</td>
          </tr>
          {hasService && (
            <tr className="order-merchandise">
              <th scope="row" colSpan={4}>
                Merchandise (without service lines)
              </th>
              <td className="num">{money(order.merchandise_minor)}</td>
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}
