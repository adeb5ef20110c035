// The editor's live preview: for an opening time the user picks (default now), when the
// clocks of a case under the policy being edited would warn and be due — asked from the
// server (POST /sla-policies/preview) a moment after the last change, so the answer uses
// the same business-time rules as real cases. Times show in the policy's zone.
import { useEffect, useState } from 'react';
import { formatInZone, localInputToIso, toLocalInput } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/hooks';
import { errorMessage, isAbort, isApiError } from '../../../lib/http';
import { Card, Field, Input, Spinner } from '../../../ui';
import { previewSlaPolicy } from '../api';
import type { SlaPolicyInput, SlaPreview } from '../types';

type State = { status: 'idle' | 'loading' } | { status: 'done'; preview: SlaPreview } | { status: 'error'; messages: string[] };

/** The preview body: only what the clocks depend on (a half-typed name is no reason to fail). */
function previewBody(p: SlaPolicyInput, openedAt: string): string {
  return JSON.stringify({
    first_response_minutes: p.first_response_minutes,
    resolution_minutes: p.resolution_minutes,
    business_hours: p.business_hours,
    holidays: p.holidays,
    opened_at: localInputToIso(openedAt) ?? undefined,
  });
}

export function SlaPreviewPanel({ policy }: { policy: SlaPolicyInput }) {
  const [openedAt, setOpenedAt] = useState(() => toLocalInput(new Date()));
  const [state, setState] = useState<State>({ status: 'idle' });
  const body = previewBody(policy, openedAt);
  const request = useDebouncedValue(body, 400);

  useEffect(() => {
    const ac = new AbortController();
    setState((s) => (s.status === 'done' ? s : { status: 'loading' }));
    previewSlaPolicy(JSON.parse(request), ac.signal).then(
      (preview) => {
        if (!ac.signal.aborted) setState({ status: 'done', preview });
      },
      (e) => {
        if (isAbort(e) || ac.signal.aborted) return;
        const messages = isApiError(e) && e.fieldErrors.length ? e.fieldErrors.map((f) => `${f.field}: ${f.message}`) : [errorMessage(e)];
        setState({ status: 'error', messages });
      },
    );
    return () => ac.abort();
  }, [request]);

  const stale = request !== body;
  const busy = stale || state.status === 'loading';
  const tz = state.status === 'done' ? state.preview.tz : policy.business_hours.tz;
  return (
    <Card id="sla-preview" title={<>Preview {busy && <Spinner size={12} />}</>} className="sla-preview" busy={busy}>
      <Field label="Case opened at" hint="In your time zone">
        <Input type="datetime-local" value={openedAt} onChange={(e) => setOpenedAt(e.target.value)} />
      </Field>
      {state.status === 'error' ? (
        <div className="sla-preview-error" role="status">
          <p>Fix the policy to see a preview:</p>
          <ul>
            {state.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : state.status === 'done' ? (
        <dl className="details sla-preview-times" aria-label="Preview due times">
          <div className="details-item details-wide">
            <dt>Opened ({tz})</dt>
            <dd>{formatInZone(state.preview.opened_at, tz)}</dd>
          </div>
          <div className="details-item">
            <dt>First response warning</dt>
            <dd>{formatInZone(state.preview.first_response_warn_at, tz)}</dd>
          </div>
          <div className="details-item">
            <dt>First response due</dt>
            <dd>{formatInZone(state.preview.first_response_due_at, tz)}</dd>
          </div>
          <div className="details-item">
            <dt>Resolution warning</dt>
            <dd>{formatInZone(state.preview.resolution_warn_at, tz)}</dd>
          </div>
          <div className="details-item">
            <dt>Resolution due</dt>
            <dd>{formatInZone(state.preview.resolution_due_at, tz)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">Working out the due times…</p>
      )}
    </Card>
  );
}
