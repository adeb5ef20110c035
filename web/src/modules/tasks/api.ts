// Calls for /api/v1/tasks.
import { http, request } from '../../lib/http';
import type { InteractionInput } from '../interactions/types';
import type { CompleteAnswer, MyTasks, Task, TaskInput } from './types';

const base = '/api/v1/tasks';

/** The browser's time zone, so "today" is the user's day. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function getMyTasks(signal?: AbortSignal): Promise<MyTasks> {
  return http.get<MyTasks>(`${base}/mine`, { query: { tz: browserTimeZone() }, signal });
}

export async function createTask(input: TaskInput): Promise<Task> {
  return (await request<Task>('POST', base, { body: input })).data;
}

/** Marks the task done; with `interaction`, logs what happened (for the task's contact) in the same step. */
export function completeTask(id: string, interaction?: InteractionInput): Promise<CompleteAnswer> {
  return http.post<CompleteAnswer>(`${base}/${encodeURIComponent(id)}/complete`, interaction ? { interaction } : {});
}
