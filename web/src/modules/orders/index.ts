export * from './types';
export * from './api';
export * from './hooks';
export { OrderStatusBadge } from './components/OrderStatusBadge';
export { OrderTable } from './components/OrderTable';
export { OrderLinesTable } from './components/OrderLinesTable';
export { OrderForm } from './components/OrderForm';
export { ImportReportView } from './components/ImportReportView';
export { ContactOrders } from './components/ContactOrders';
