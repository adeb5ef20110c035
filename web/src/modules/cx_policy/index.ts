export * from './types';
export * from './api';
export { CxPolicyView } from './components/CxPolicyView';
