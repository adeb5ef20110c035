// Hooks for cases: the paged queue (restarts when its parameters change) and one case.
import { usePagedQuery, useResource } from '../../lib/hooks';
import { getCase, listCases } from './api';
import type { Case, CaseListParams } from './types';

export function useCaseList(params: CaseListParams, pageSize = 50) {
  return usePagedQuery(params, listCases, pageSize);
}

export function useCase(id: string) {
  return useResource<Case>(id, (signal) => getCase(id, signal));
}
