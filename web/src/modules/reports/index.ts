export * from './types';
export * from './api';
export { ServiceReportView } from './components/ServiceReportView';
