// Companies as /api/v1/companies sends them, and the editable subset the form works on.
export interface Company {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  owner_id: string | null;
  phone: string | null;
  address: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What a create or merge-patch body may carry. */
export interface CompanyInput {
  name: string | null;
  domain: string | null;
  industry: string | null;
  owner_id: string | null;
  phone: string | null;
  address: string | null;
  [key: string]: unknown;
}

export const COMPANY_FIELDS = ['name', 'domain', 'industry', 'owner_id', 'phone', 'address'] as const;

export type CompanySort = 'name' | '-name' | '-created_at' | 'created_at' | '-updated_at';

export const COMPANY_SORTS: { value: CompanySort; label: string }[] = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: '-updated_at', label: 'Recently updated' },
];

export interface CompanyListParams {
  q?: string;
  owner_id?: string;
  industry?: string;
  sort?: CompanySort;
  archived?: 'true' | 'all';
}
