// Calls for the mailbox setting and "poll now".
import { http } from '../../lib/http';
import type { MailboxInput, MailboxSettings, PollResult } from './types';

export function getMailbox(signal?: AbortSignal): Promise<MailboxSettings> {
  return http.get<MailboxSettings>('/api/v1/settings/mailbox', { signal });
}

export function putMailbox(input: MailboxInput): Promise<MailboxSettings> {
  return http.put<MailboxSettings>('/api/v1/settings/mailbox', input);
}

export function pollMailbox(): Promise<PollResult> {
  return http.post<PollResult>('/api/v1/mailbox/poll', {});
}
