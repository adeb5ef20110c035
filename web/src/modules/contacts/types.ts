// Contacts as /api/v1/contacts sends them, their enums, and list parameters.
export const KINDS = ['customer', 'prospect'] as const;
export type Kind = (typeof KINDS)[number];

export const PHASES = ['exploration', 'awareness', 'expansion', 'commitment', 'dissolution'] as const;
export type Phase = (typeof PHASES)[number];

export const RELATIONSHIP_TYPES = [
  'transactional',
  'personal',
  'dedicated',
  'self_service',
  'automated',
  'community',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** The fields a person edits; a contact as sent, and a create or patch body, both carry them. */
interface ContactFields {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  company_id: string | null;
  job_title: string | null;
  kind: Kind;
  owner_id: string | null;
  phase: Phase;
  relationship_type: RelationshipType | null;
  birthday: string | null;
  customer_since: string | null;
  tags: string[];
}

export interface Contact extends ContactFields {
  id: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What a create or merge-patch body may carry. */
export interface ContactInput extends ContactFields {
  allow_duplicate?: boolean;
  [key: string]: unknown;
}

export const CONTACT_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'company_id',
  'job_title',
  'kind',
  'owner_id',
  'phase',
  'relationship_type',
  'birthday',
  'customer_since',
  'tags',
] as const;

export type ContactSort = 'name' | '-name' | '-created_at' | 'created_at' | '-updated_at' | 'email';

export const CONTACT_SORTS: { value: ContactSort; label: string }[] = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: '-updated_at', label: 'Recently updated' },
  { value: 'email', label: 'Email' },
];

export interface ContactListParams {
  q?: string;
  phase?: Phase;
  owner_id?: string;
  kind?: Kind;
  company_id?: string;
  sort?: ContactSort;
}

/** "Øystein Øvrebø", else the email, else a placeholder. */
export function contactName(c: Pick<Contact, 'first_name' | 'last_name' | 'email'>): string {
  const name = [c.first_name, c.last_name].filter((s) => s && s.trim()).join(' ');
  return name || c.email || 'Unnamed contact';
}

/** Up to two initials for the avatar. */
export function contactInitials(c: Pick<Contact, 'first_name' | 'last_name' | 'email'>): string {
  const parts = [c.first_name, c.last_name].filter((s): s is string => !!s && !!s.trim());
  if (parts.length) return parts.map((p) => Array.from(p.trim())[0]).join('').toUpperCase();
  return (c.email ?? '?').charAt(0).toUpperCase();
}

/** GET /contacts/{id}/phases: the phase changes (oldest first) and seconds spent in each phase. */
export interface PhaseHistory {
  current: Phase;
  history: { from: Phase | null; to: Phase; at: string; user_id: string | null; reason: string | null }[];
  durations: Partial<Record<Phase, number>>;
}
