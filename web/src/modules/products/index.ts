export * from './types';
export * from './api';
export * from './hooks';
export { ProductForm, productToForm, formToProductInput, type ProductFormValues } from './components/ProductForm';
export { ProductTable } from './components/ProductTable';
export { ProductPicker } from './components/ProductPicker';
