export * from './types';
export * from './api';
export { LogInteractionForm, type LogInteractionFormProps } from './components/LogInteractionForm';
export { PressureWarning } from './components/PressureWarning';
