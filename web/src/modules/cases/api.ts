// Calls for /api/v1/cases: the queue, one case, its conversation, files, history and the
// sales-lead hand-off. Changes to a case send If-Match with the version the user saw.
import { http, request, type Page } from '../../lib/http';
import type { Task } from '../tasks/types';
import type { Case, CaseAttachment, CaseEvent, CaseInput, CaseListParams, CaseMessage, EscalationSettings, PostedMessage } from './types';

const base = '/api/v1/cases';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function listCases(params: CaseListParams & { cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<Case>> {
  return http.get<Page<Case>>(base, { query: { ...params }, signal });
}

export function getCase(id: string, signal?: AbortSignal): Promise<Case> {
  return http.get<Case>(one(id), { signal });
}

export async function createCase(input: CaseInput): Promise<Case> {
  return (await request<Case>('POST', base, { body: input })).data;
}

export function updateCase(id: string, patch: CaseInput, version: number): Promise<Case> {
  return http.patch<Case>(one(id), patch, { ifMatch: version });
}

export function listMessages(id: string, params: { cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<CaseMessage>> {
  return http.get<Page<CaseMessage>>(`${one(id)}/messages`, { query: { ...params }, signal });
}

/** A public reply (emailed to the customer when mail is set up) or an internal note. */
export function postMessage(id: string, body: string, isPublic: boolean): Promise<PostedMessage> {
  return http.post<PostedMessage>(`${one(id)}/messages`, { body, public: isPublic });
}

export function listEvents(id: string, signal?: AbortSignal): Promise<{ items: CaseEvent[] }> {
  return http.get<{ items: CaseEvent[] }>(`${one(id)}/events`, { signal });
}

export function listAttachments(id: string, signal?: AbortSignal): Promise<{ items: CaseAttachment[] }> {
  return http.get<{ items: CaseAttachment[] }>(`${one(id)}/attachments`, { signal });
}

/** Uploads the file as the request body, with its own type; the server checks type and size. */
export async function uploadAttachment(id: string, file: File): Promise<CaseAttachment> {
  const res = await request<CaseAttachment>('POST', `${one(id)}/attachments`, {
    query: { filename: file.name },
    rawBody: file,
    contentType: file.type || 'application/octet-stream',
  });
  return res.data;
}

/** The download address of an attachment (the session cookie authorises it). */
export function attachmentUrl(caseId: string, attachmentId: string): string {
  return `${one(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** Hands a sales lead to the customer's owner: a task of kind sales_lead (409 no-owner without one). */
export function handSalesLead(id: string, input: { title?: string; notes?: string } = {}): Promise<Task> {
  return http.post<Task>(`${one(id)}/sales-lead`, input);
}

export function getEscalation(signal?: AbortSignal): Promise<EscalationSettings> {
  return http.get<EscalationSettings>('/api/v1/settings/escalation', { signal });
}

export function putEscalation(settings: Pick<EscalationSettings, 'warning' | 'breach'>): Promise<EscalationSettings> {
  return http.put<EscalationSettings>('/api/v1/settings/escalation', settings);
}
