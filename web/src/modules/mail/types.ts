// The service desk's mailbox (/api/v1/settings/mailbox, admin): the IMAP inbox that
// becomes cases and the SMTP server replies go out through. Passwords are write-only.
export interface MailboxSettings {
  imap_url: string | null;
  imap_username: string | null;
  imap_password_set: boolean;
  smtp_url: string | null;
  smtp_username: string | null;
  smtp_password_set: boolean;
  from_address: string | null;
  from_name: string | null;
  create_cases: boolean;
  poll_seconds?: number;
  updated_at: string | null;
  updated_by: string | null;
}

/** A PUT body: passwords only when they change. */
export interface MailboxInput {
  imap_url: string | null;
  imap_username: string | null;
  imap_password?: string;
  smtp_url: string | null;
  smtp_username: string | null;
  smtp_password?: string;
  from_address: string | null;
  from_name: string | null;
  create_cases: boolean;
}

export interface PollResult {
  fetched: number;
  cases_created: number;
  messages_added: number;
  duplicates: number;
  ignored: number;
  failed: number;
}
