// The service desk's mailbox (admins): the IMAP inbox polled every minute (emails become
// cases or replies on their case) and the SMTP server replies go out through. Passwords
// are never shown: leave them empty to keep the saved ones. "Check the inbox now" polls
// at once and says what it took in.
import { useEffect, useState } from 'react';
import { textOrNull } from '../../lib/forms';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { errorMessage, isApiError } from '../../lib/http';
import { getMailbox, pollMailbox, putMailbox, type MailboxInput, type MailboxSettings, type PollResult } from '../../modules/mail';
import { Alert, Button, Field, Input, LoadError, Loading, PageHeader, useToast } from '../../ui';

interface Values {
  imap_url: string;
  imap_username: string;
  imap_password: string;
  smtp_url: string;
  smtp_username: string;
  smtp_password: string;
  from_address: string;
  from_name: string;
  create_cases: boolean;
}

function toValues(m: MailboxSettings): Values {
  return {
    imap_url: m.imap_url ?? '',
    imap_username: m.imap_username ?? '',
    imap_password: '',
    smtp_url: m.smtp_url ?? '',
    smtp_username: m.smtp_username ?? '',
    smtp_password: '',
    from_address: m.from_address ?? '',
    from_name: m.from_name ?? '',
    create_cases: m.create_cases,
  };
}

function toInput(v: Values): MailboxInput {
  const input: MailboxInput = {
    imap_url: textOrNull(v.imap_url),
    imap_username: textOrNull(v.imap_username),
    smtp_url: textOrNull(v.smtp_url),
    smtp_username: textOrNull(v.smtp_username),
    from_address: textOrNull(v.from_address),
    from_name: textOrNull(v.from_name),
    create_cases: v.create_cases,
  };
  if (v.imap_password) input.imap_password = v.imap_password;
  if (v.smtp_password) input.smtp_password = v.smtp_password;
  return input;
}

export function MailboxPage() {
  useDocumentTitle('Mailbox');
  const toast = useToast();
  const current = useResource<MailboxSettings>('mailbox', (signal) => getMailbox(signal));
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [polling, setPolling] = useState(false);
  const [poll, setPoll] = useState<PollResult | string | null>(null);
  useEffect(() => setValues(current.data ? toValues(current.data) : null), [current.data]);

  if (current.error != null && !current.data) {
    return (
      <div className="page page-narrow">
        <PageHeader title="Mailbox" />
        <LoadError title="Could not load the mailbox setting." error={current.error} onRetry={() => void current.reload()} />
      </div>
    );
  }
  if (!values || !current.data) return <Loading />;
  const saved = current.data;
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues({ ...values, [k]: v });

  async function save() {
    if (!values) return;
    setBusy(true);
    setFailure(null);
    try {
      current.set(await putMailbox(toInput(values)));
      setErrors({});
      toast.show('Mailbox saved');
    } catch (e) {
      setErrors(isApiError(e) ? e.fieldMap() : {});
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function pollNow() {
    setPolling(true);
    setPoll(null);
    try {
      setPoll(await pollMailbox());
    } catch (e) {
      setPoll(errorMessage(e));
    } finally {
      setPolling(false);
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader
        title="Mailbox"
        subtitle="Emails to the service desk become cases, or messages on their case; replies go out by email."
        actions={
          <Button onClick={() => void pollNow()} busy={polling} disabled={!saved.imap_url}>
            Check the inbox now
          </Button>
        }
      />
      {poll &&
        (typeof poll === 'string' ? (
          <Alert tone="danger" title="Could not check the inbox.">{poll}</Alert>
        ) : (
          <Alert tone="success" title="Inbox checked.">
            {poll.fetched} fetched: {poll.cases_created} new cases, {poll.messages_added} replies, {poll.duplicates} duplicates, {poll.ignored} ignored, {poll.failed} failed.
          </Alert>
        ))}
      <form
        className="form card"
        aria-label="Mailbox"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {failure && <Alert tone="danger" title="Could not save.">{failure}</Alert>}
        <fieldset className="form-section">
          <legend className="form-legend">Incoming (IMAP)</legend>
          <div className="form-grid">
            <Field label="IMAP URL" hint="imap://host:143/INBOX, or imaps:// for TLS from the start" error={errors.imap_url} className="span-2">
              <Input value={values.imap_url} onChange={(e) => set('imap_url', e.target.value)} spellCheck={false} />
            </Field>
            <Field label="IMAP username" error={errors.imap_username}>
              <Input value={values.imap_username} onChange={(e) => set('imap_username', e.target.value)} autoComplete="off" />
            </Field>
            <Field label="IMAP password" hint={saved.imap_password_set ? 'Saved; leave empty to keep it' : 'Not set'} error={errors.imap_password}>
              <Input type="password" value={values.imap_password} onChange={(e) => set('imap_password', e.target.value)} autoComplete="new-password" />
            </Field>
            <label className="checkbox span-2">
              <input type="checkbox" checked={values.create_cases} onChange={(e) => set('create_cases', e.target.checked)} />
              Open a new case for an email that is not a reply
            </label>
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend className="form-legend">Outgoing (SMTP)</legend>
          <div className="form-grid">
            <Field label="SMTP URL" hint="smtp://host:587, or smtps:// for TLS from the start" error={errors.smtp_url} className="span-2">
              <Input value={values.smtp_url} onChange={(e) => set('smtp_url', e.target.value)} spellCheck={false} />
            </Field>
            <Field label="SMTP username" error={errors.smtp_username}>
              <Input value={values.smtp_username} onChange={(e) => set('smtp_username', e.target.value)} autoComplete="off" />
            </Field>
            <Field label="SMTP password" hint={saved.smtp_password_set ? 'Saved; leave empty to keep it' : 'Not set'} error={errors.smtp_password}>
              <Input type="password" value={values.smtp_password} onChange={(e) => set('smtp_password', e.target.value)} autoComplete="new-password" />
            </Field>
            <Field label="From address" error={errors.from_address}>
              <Input type="email" value={values.from_address} onChange={(e) => set('from_address', e.target.value)} />
            </Field>
            <Field label="From name" error={errors.from_name}>
              <Input value={values.from_name} onChange={(e) => set('from_name', e.target.value)} />
            </Field>
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Save mailbox
          </Button>
        </div>
      </form>
    </div>
  );
}
