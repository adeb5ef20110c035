// A contact's timeline (GET /contacts/{id}/timeline): newest first, one entry per thing
// that happened. `data` holds a few fields that depend on the kind.
export const TIMELINE_KINDS = ['interaction', 'task', 'phase_change', 'owner_change', 'order', 'opportunity'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  id: string;
  /** One of TIMELINE_KINDS, or a kind a later module adds (shown plainly). */
  kind: string;
  at: string;
  ref_id: string;
  summary: string;
  user_id: string | null;
  data: Record<string, unknown>;
}
