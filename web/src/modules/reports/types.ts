// The service report (GET /api/v1/reports/service, manager+) and the weekly digests that
// keep a copy of it (GET /api/v1/reports/digests).
export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface VolumePeriod {
  /** The period's first day, YYYY-MM-DD. */
  period: string;
  total: number;
  by_kind: Record<string, number>;
  by_channel: Record<string, number>;
  by_priority: Record<string, number>;
}

/** Business minutes (pauses excluded); null medians when nothing was counted. */
export interface Durations {
  count: number;
  median_minutes: number | null;
  p90_minutes: number | null;
}

export interface SlaCompliance {
  cases: number;
  met: number;
  breached: number;
  compliance_percent: number | null;
  first_response_breached: number;
  resolution_breached: number;
}

export interface Backlog {
  open: number;
  by_status: { new: number; open: number; pending: number };
  by_age: { under_1_day: number; days_1_to_3: number; days_3_to_7: number; over_7_days: number };
  oldest_opened_at: string | null;
}

export interface AgentLoad {
  user_id: string;
  name: string;
  open: number;
  assigned: number;
  resolved: number;
  breached: number;
}

export interface RepeatComplaint {
  contact_id: string;
  name: string;
  complaints: number;
}

export interface ServiceReport {
  from?: string;
  to?: string;
  bucket?: Bucket;
  volumes: VolumePeriod[];
  first_response: Durations;
  resolution: Durations;
  sla: SlaCompliance;
  backlog: Backlog;
  agents: AgentLoad[];
  repeat_complaints: RepeatComplaint[];
}

export interface ServiceReportParams {
  from?: string;
  to?: string;
  bucket?: Bucket;
}

export interface Digest {
  id: string;
  kind: string;
  period_start: string;
  period_end: string;
  summary: string;
  created_at: string;
  /** Only on GET /reports/digests/{id}. */
  data?: ServiceReport;
}
