export * from './types';
export * from './api';
export { TaskForm, formToTaskInput, type TaskFormValues } from './components/TaskForm';
