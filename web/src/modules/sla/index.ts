export * from './types';
export * from './api';
export { SlaPolicyForm, emptyPolicyForm, formToPolicyInput, policyToForm, type SlaPolicyFormValues } from './components/SlaPolicyForm';
export { SlaPreviewPanel } from './components/SlaPreviewPanel';
