// Tasks (a call to make, a card to send) as /api/v1/tasks sends them.
import type { Interaction } from '../interactions/types';

export const TASK_KINDS = ['call', 'email', 'card', 'gift', 'meeting', 'note', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
  id: string;
  title: string;
  kind: TaskKind;
  due_at: string | null;
  assignee_id: string;
  contact_id: string | null;
  status: TaskStatus;
  notes: string | null;
  completed_at: string | null;
  interaction_id: string | null;
  /** null for tasks people make; `birthday` / `anniversary` for the daily job's follow-ups. */
  source: string | null;
  created_by: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TaskInput {
  title: string;
  kind?: TaskKind;
  due_at?: string | null;
  assignee_id?: string;
  contact_id?: string | null;
  notes?: string | null;
}

export const TASK_FIELDS = ['title', 'kind', 'due_at', 'assignee_id', 'contact_id', 'notes'] as const;

/** GET /tasks/mine: the caller's open tasks by when they are due. */
export interface MyTasks {
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
}

export interface CompleteAnswer {
  task: Task;
  interaction: Interaction | null;
}
