export * from './types';
export * from './api';
export { NotificationBell } from './components/NotificationBell';
