// (The CLV charts are imported by path by the lazily loaded analytics page, so the chart
// library stays out of the main bundle; the customer value panel has no charts.)
export * from './types';
export * from './api';
export * from './hooks';
export { ComputedNote } from './components/ComputedNote';
export { RfmGrid } from './components/RfmGrid';
export { SegmentTable, MovementTable, SegmentCustomers } from './components/RfmTables';
export { ClvTopTable, ClvModelCard } from './components/ClvTables';
export { DueList } from './components/DueList';
export { AffinityTable } from './components/AffinityTable';
export { CustomerValuePanel } from './components/CustomerValuePanel';
export { DueBadge, HealthBadge } from './components/AnalyticsBadges';
