export * from './types';
export * from './api';
export * from './hooks';
export { CompanyForm, companyToForm, formToCompanyInput, type CompanyFormValues } from './components/CompanyForm';
export { CompanyTable } from './components/CompanyTable';
export { CompanyPicker } from './components/CompanyPicker';
