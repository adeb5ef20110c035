// The customer-experience policy (/api/v1/cx-policies): the service staff promise
// customers, in published versions that never change, which every staff member reads
// and acknowledges.
export interface SlaTarget {
  name: string;
  priority: string;
  kind: string | null;
  first_response_minutes: number;
  resolution_minutes: number;
  tz: string;
}

export interface CxPolicy {
  id: string;
  /** 1, 2, … */
  number: number;
  title: string;
  body: string;
  /** Made safe by the server. */
  body_html: string;
  sla_targets: SlaTarget[];
  published_by: string;
  published_at: string;
  /** When the caller acknowledged it; null if not yet. */
  acknowledged_at: string | null;
  version: number;
}

export interface CxPolicyInput {
  title: string;
  body: string;
  /** Left out: the active SLA policies are copied in. */
  sla_targets?: SlaTarget[];
}

export interface StaffPerson {
  user_id: string;
  name: string;
  email: string;
  role: string;
}

export interface Acknowledgements {
  policy_id: string;
  acknowledged: (StaffPerson & { acknowledged_at: string })[];
  pending: StaffPerson[];
  acknowledged_count: number;
  pending_count: number;
}
