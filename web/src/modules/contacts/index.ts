export * from './types';
export * from './api';
export * from './hooks';
export { ContactForm, contactToForm, formToContactInput, parseTags, type ContactFormValues } from './components/ContactForm';
export { ContactTable } from './components/ContactTable';
export { KindBadge, PhaseBadge } from './components/ContactBadges';
export { ContactFilters, type ContactFilterValues } from './components/ContactFilters';
export { DuplicateLink } from './components/DuplicateLink';
