export * from './types';
export * from './api';
export * from './hooks';
export { UserSelect } from './components/UserSelect';
export { UserName } from './components/UserName';
export { AwayDialog } from './components/AwayDialog';
