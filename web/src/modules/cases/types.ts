// Cases (a customer's complaint, question, request or incident) as /api/v1/cases sends
// them, with their conversation, files and history.
export const CASE_KINDS = ['complaint', 'question', 'request', 'incident'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const CASE_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_CHANNELS = ['email', 'phone', 'portal', 'web', 'chat', 'social', 'visit', 'letter', 'other'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export type SlaState = 'ok' | 'warning' | 'breached';

export interface Case {
  id: string;
  /** The reference people quote: #12. */
  number: number;
  contact_id: string;
  subject: string;
  description: string | null;
  kind: CaseKind;
  priority: CasePriority;
  status: CaseStatus;
  channel: CaseChannel;
  owner_id: string | null;
  assignment_rule: string;
  assignment_reason: string;
  assigned_at: string | null;
  sla_policy_id: string | null;
  opened_at: string;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  /** The nearest running clock's due time; null when no clock runs. */
  next_due_at: string | null;
  first_responded_at: string | null;
  first_response_minutes: number | null;
  resolved_at: string | null;
  resolution_minutes: number | null;
  closed_at: string | null;
  sla_state: SlaState;
  sla_paused_at: string | null;
  first_response_breached: boolean;
  resolution_breached: boolean;
  escalation_level: 'warning' | 'breach' | null;
  created_by: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CaseInput {
  contact_id?: string;
  subject?: string;
  description?: string | null;
  kind?: CaseKind;
  priority?: CasePriority;
  status?: CaseStatus;
  channel?: CaseChannel;
  owner_id?: string | null;
  opened_at?: string;
}

export const CASE_FIELDS = ['contact_id', 'subject', 'description', 'kind', 'priority', 'status', 'channel', 'owner_id', 'opened_at'] as const;

/** The queue's tabs (`view=`): open cases only. */
export const CASE_VIEWS = [
  { value: 'mine', label: 'Mine' },
  { value: 'team', label: 'Team' },
  { value: 'breaching', label: 'Breaching soon' },
  { value: 'all', label: 'All' },
] as const;
export type CaseView = (typeof CASE_VIEWS)[number]['value'];

export interface CaseListParams {
  view?: CaseView;
  open?: boolean;
  owner_id?: string;
  contact_id?: string;
  status?: CaseStatus;
  sort?: 'due' | '-due' | 'opened_at' | '-opened_at' | 'created_at' | '-created_at';
}

export interface CaseMessage {
  id: string;
  case_id: string;
  body: string;
  /** Made safe by the server (Markdown, raw HTML escaped). */
  body_html: string;
  /** A reply the customer sees; false: an internal note. */
  public: boolean;
  /** outbound: staff; inbound: the customer. */
  direction: 'inbound' | 'outbound';
  author_id: string | null;
  from_address: string | null;
  created_at: string;
}

/** POST /cases/{id}/messages answers the message, whether it was emailed, and the case after it. */
export interface PostedMessage extends CaseMessage {
  emailed: boolean;
  case: Case;
}

export interface CaseEvent {
  id: string;
  /** opened, assigned, status, priority, attachment, sla, escalation, sales_lead. */
  kind: string;
  at: string;
  user_id: string | null;
  detail: string;
  data: Record<string, unknown>;
}

export interface CaseAttachment {
  id: string;
  case_id: string;
  message_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

/** "#12" */
export function caseRef(c: Pick<Case, 'number'>): string {
  return `#${c.number}`;
}

/** The statuses a case may move to from `status` (the buttons on the case page). */
export function nextStatuses(status: CaseStatus): CaseStatus[] {
  if (status === 'resolved') return ['open', 'closed'];
  if (status === 'closed') return ['open'];
  return (['open', 'pending', 'resolved', 'closed'] as CaseStatus[]).filter((s) => s !== status);
}

/** The clocks stand still while a case is pending, resolved or closed. */
export function isPaused(c: Pick<Case, 'sla_paused_at'>): boolean {
  return c.sla_paused_at !== null;
}

/** What happens at one escalation level (GET/PUT /settings/escalation, admin). */
export interface EscalationRule {
  /** `owner` and/or `managers`: an in-app notification (and an email when `email`). */
  notify: ('owner' | 'managers')[];
  email: boolean;
  /** null, "service_team" (least loaded available member) or a user id. */
  reassign_to: string | null;
  /** Moves the priority one step up. */
  raise_priority: boolean;
}

export interface EscalationSettings {
  warning: EscalationRule;
  breach: EscalationRule;
  updated_at?: string | null;
  updated_by?: string | null;
}
