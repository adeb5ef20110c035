export * from './types';
export * from './api';
export { ContactTimeline } from './components/ContactTimeline';
