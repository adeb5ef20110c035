// The reply box under a case's conversation: a public reply to the customer (emailed when
// outgoing mail is set up; the first one is the first response) or an internal note that
// only staff see. Posting answers the case after the change, which the page takes over.
import { useId, useState } from 'react';
import { errorMessage } from '../../../lib/http';
import { Alert, Button, Field, TextArea } from '../../../ui';
import { postMessage } from '../api';
import type { PostedMessage } from '../types';

export function ReplyBox({ caseId, onPosted }: { caseId: string; onPosted: (m: PostedMessage) => void }) {
  const name = useId();
  const [body, setBody] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function send() {
    if (!body.trim()) {
      setFailure('Write a message first.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const posted = await postMessage(caseId, body, isPublic);
      setBody('');
      onPosted(posted);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={isPublic ? 'reply-box card' : 'reply-box reply-box-note card'}
      aria-label="Reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {failure && <Alert tone="danger">{failure}</Alert>}
      <fieldset className="reply-kind">
        <legend className="sr-only">Who sees it</legend>
        <label className="reply-kind-option">
          <input type="radio" name={name} checked={isPublic} onChange={() => setPublic(true)} />
          Reply to customer
        </label>
        <label className="reply-kind-option">
          <input type="radio" name={name} checked={!isPublic} onChange={() => setPublic(false)} />
          Internal note
        </label>
      </fieldset>
      <Field label="Message" hint={isPublic ? 'Markdown. The customer sees this (by email when mail is set up).' : 'Markdown. Only staff see internal notes.'}>
        <TextArea value={body} onChange={(e) => setBody(e.target.value)} rows={4} maxLength={50000} />
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {isPublic ? 'Send reply' : 'Add note'}
        </Button>
      </div>
    </form>
  );
}
