// Hooks for companies: the paged list, one company, and company names by id (cached,
// for the company column of contact lists).
import { useEffect, useState } from 'react';
import { usePagedQuery, useResource } from '../../lib/hooks';
import { getCompany, listCompanies } from './api';
import type { Company, CompanyListParams } from './types';

export function useCompanyList(params: CompanyListParams, pageSize = 50) {
  return usePagedQuery(params, listCompanies, pageSize);
}

export function useCompany(id: string) {
  return useResource<Company>(id, (signal) => getCompany(id, signal));
}

const names = new Map<string, Promise<Company | null>>();

export function rememberCompany(c: Company): void {
  names.set(c.id, Promise.resolve(c));
}

export function clearCompanyCache(): void {
  names.clear();
}

/** The companies named by `ids`, fetched once each. Missing or unreadable ones are absent. */
export function useCompaniesById(ids: (string | null | undefined)[]): Map<string, Company> {
  const [map, setMap] = useState<Map<string, Company>>(new Map());
  const wanted = Array.from(new Set(ids.filter((x): x is string => !!x))).sort();
  const key = wanted.join(',');

  useEffect(() => {
    let live = true;
    const promises = wanted.map((id) => {
      let p = names.get(id);
      if (!p) {
        p = getCompany(id).catch(() => null);
        names.set(id, p);
      }
      return p;
    });
    Promise.all(promises).then((companies) => {
      if (!live) return;
      const m = new Map<string, Company>();
      for (const c of companies) if (c) m.set(c.id, c);
      setMap(m);
    });
    return () => {
      live = false;
    };
  }, [key]);

  return map;
}
