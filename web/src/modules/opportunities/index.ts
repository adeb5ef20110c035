// (The forecast chart is imported by path by the lazily loaded forecast page, so the
// chart library stays out of the main bundle.)
export * from './types';
export * from './api';
export * from './hooks';
export { StageBadge } from './components/StageBadge';
export { OpportunityTable } from './components/OpportunityTable';
export { NewOpportunityDialog } from './components/NewOpportunityDialog';
export { LostReasonDialog } from './components/LostReasonDialog';
export { CaseOpportunities } from './components/CaseOpportunities';
export { ContactOpportunities } from './components/ContactOpportunities';
