// A contact's timeline, newest first: interactions (with their notes), tasks, phase and
// owner changes. Chips filter by kind (several at once; none means all). More entries
// load as the end of the list scrolls into view (an IntersectionObserver on a sentinel
// under the list), with a "Load more" button for keyboards and old browsers.
//
// Interaction notes come as `notes_html`, which the server has already made safe (raw HTML
// escaped, only http(s)/mailto links): it is the one thing rendered as HTML here.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDateTime, humanize } from '../../../lib/format';
import { usePagedList } from '../../../lib/hooks';
import { isAbort } from '../../../lib/http';
import { Alert, Badge, Button, EmptyState, LoadError, Loading, type BadgeTone } from '../../../ui';
import { getInteraction, listInteractions } from '../../interactions/api';
import type { Interaction } from '../../interactions/types';
import { UserName } from '../../users';
import { getTimeline } from '../api';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../types';

const PAGE_SIZE = 25;

const CHIP_LABEL: Record<TimelineKind, string> = {
  interaction: 'Interactions',
  task: 'Tasks',
  phase_change: 'Phase changes',
  owner_change: 'Owner changes',
  order: 'Orders',
  opportunity: 'Opportunities',
};

const KIND_LABEL: Record<string, { text: string; tone: BadgeTone }> = {
  interaction: { text: 'Interaction', tone: 'blue' },
  task: { text: 'Task', tone: 'amber' },
  phase_change: { text: 'Phase', tone: 'violet' },
  owner_change: { text: 'Owner', tone: 'teal' },
  case: { text: 'Case', tone: 'red' },
  message: { text: 'Message', tone: 'blue' },
  order: { text: 'Order', tone: 'green' },
  opportunity: { text: 'Opportunity', tone: 'teal' },
};

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function sentimentTone(n: number): BadgeTone {
  return n < 0 ? 'red' : n > 0 ? 'green' : 'neutral';
}

/** The interactions behind `entries`, fetched in one range query, then one by one for any left over. */
async function fetchInteractions(contactId: string, entries: TimelineEntry[], signal: AbortSignal): Promise<Interaction[]> {
  const times = entries.map((e) => Date.parse(e.at)).filter((t) => !Number.isNaN(t));
  const found: Interaction[] = [];
  if (times.length > 0) {
    const from = new Date(Math.min(...times)).toISOString();
    const to = new Date(Math.max(...times) + 1).toISOString();
    const page = await listInteractions({ contact_id: contactId, from, to, limit: 500 }, signal);
    found.push(...page.items);
  }
  const have = new Set(found.map((i) => i.id));
  const missing = entries.filter((e) => !have.has(e.ref_id));
  const more = await Promise.all(missing.map((e) => getInteraction(e.ref_id, signal).catch(() => null)));
  for (const i of more) if (i) found.push(i);
  return found;
}

function EntryDetails({ entry, interaction }: { entry: TimelineEntry; interaction?: Interaction }) {
  const d = entry.data ?? {};
  if (entry.kind === 'interaction') {
    const sentiment = typeof d.sentiment === 'number' ? d.sentiment : null;
    const outcome = str(d.outcome) ?? interaction?.outcome ?? null;
    const override = str(d.override_reason);
    return (
      <>
        {(sentiment !== null || outcome) && (
          <div className="timeline-tags">
            {sentiment !== null && (
              <Badge tone={sentimentTone(sentiment)}>Sentiment {sentiment > 0 ? `+${sentiment}` : sentiment}</Badge>
            )}
            {outcome && <Badge>{humanize(outcome)}</Badge>}
          </div>
        )}
        {override && (
          <p className="timeline-override">
            <strong>Over the contact pressure limit:</strong> {override}
          </p>
        )}
        {interaction?.notes_html && (
          // Sanitised by the server (see the file comment).
          <div className="timeline-notes prose" dangerouslySetInnerHTML={{ __html: interaction.notes_html }} />
        )}
      </>
    );
  }
  if (entry.kind === 'task') {
    const status = str(d.status);
    const due = str(d.due_at);
    if (!status && !due) return null;
    return (
      <div className="timeline-tags">
        {status && <Badge tone={status === 'done' ? 'green' : status === 'cancelled' ? 'neutral' : 'amber'}>{humanize(status)}</Badge>}
        {due && (
          <span className="muted">
            Due <time dateTime={due}>{formatDateTime(due)}</time>
          </span>
        )}
      </div>
    );
  }
  return null;
}

export function ContactTimeline({ contactId, refreshKey = 0 }: { contactId: string; refreshKey?: number }) {
  const [selected, setSelected] = useState<TimelineKind[]>([]);
  const kindParam = TIMELINE_KINDS.filter((k) => selected.includes(k)).join(',');
  const list = usePagedList<TimelineEntry>(`${contactId}|${kindParam}|${refreshKey}`, (cursor, signal) =>
    getTimeline(contactId, { kind: kindParam || undefined, cursor, limit: PAGE_SIZE }, signal),
  );

  // Interaction records (for their notes), by id. Asked once per id.
  const [interactions, setInteractions] = useState<Map<string, Interaction>>(new Map());
  const asked = useRef<Set<string>>(new Set());
  useEffect(() => {
    asked.current = new Set();
    setInteractions(new Map());
  }, [contactId]);
  useEffect(() => {
    const wanted = list.items.filter((e) => e.kind === 'interaction' && !asked.current.has(e.ref_id));
    if (wanted.length === 0) return;
    for (const e of wanted) asked.current.add(e.ref_id);
    const ac = new AbortController();
    fetchInteractions(contactId, wanted, ac.signal).then(
      (found) => {
        if (ac.signal.aborted) return;
        setInteractions((m) => {
          const n = new Map(m);
          for (const i of found) n.set(i.id, i);
          return n;
        });
      },
      (e) => {
        // Ask again next time; the entries still show without their notes.
        if (!isAbort(e)) for (const w of wanted) asked.current.delete(w.ref_id);
      },
    );
    // Not aborted on re-render: a newer page must not cancel an older page's notes.
  }, [list.items, contactId]);

  // Load the next page when the end of the list comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasMore, loadingMore, loading, error, loadMore } = list;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loadingMore || loading || error != null) return;
    if (typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore();
    }, { rootMargin: '240px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, loadingMore, loading, error, loadMore, list.items.length]);

  const toggle = useCallback((k: TimelineKind) => {
    setSelected((s) => (s.includes(k) ? s.filter((x) => x !== k) : [...s, k]));
  }, []);

  return (
    <div className="timeline-wrap">
      <div className="chips" role="group" aria-label="Show on the timeline">
        <button type="button" className="chip" aria-pressed={selected.length === 0} onClick={() => setSelected([])}>
          All
        </button>
        {TIMELINE_KINDS.map((k) => (
          <button key={k} type="button" className="chip" aria-pressed={selected.includes(k)} onClick={() => toggle(k)}>
            {CHIP_LABEL[k]}
          </button>
        ))}
      </div>

      {list.error != null && list.items.length === 0 && (
        <LoadError title="Could not load the timeline." error={list.error} onRetry={list.reload} />
      )}
      {list.loading && list.items.length === 0 ? (
        <Loading label="Loading the timeline…" />
      ) : list.items.length === 0 ? (
        list.error == null && (
          <EmptyState title={selected.length ? 'Nothing of this kind yet' : 'Nothing on the timeline yet'}>
            Interactions, tasks and changes to this contact appear here, newest first.
          </EmptyState>
        )
      ) : (
        <ol className={list.loading ? 'timeline timeline-busy' : 'timeline'} aria-label="Timeline" aria-busy={list.loading || undefined}>
          {list.items.map((entry) => {
            const kind = KIND_LABEL[entry.kind] ?? { text: humanize(entry.kind), tone: 'neutral' as BadgeTone };
            return (
              <li key={entry.id} className={`timeline-item timeline-${entry.kind}`}>
                <span className="timeline-dot" aria-hidden="true" />
                <div className="timeline-body">
                  <div className="timeline-head">
                    <Badge tone={kind.tone}>{kind.text}</Badge>
                    <span className="timeline-summary">{entry.summary}</span>
                  </div>
                  <div className="timeline-meta">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    {entry.user_id && (
                      <>
                        {' · '}
                        <UserName id={entry.user_id} />
                      </>
                    )}
                  </div>
                  <EntryDetails entry={entry} interaction={entry.kind === 'interaction' ? interactions.get(entry.ref_id) : undefined} />
                </div>
              </li>
            );
          })}
        </ol>
      )}

      {list.error != null && list.items.length > 0 && (
        <Alert
          tone="danger"
          title="Could not load more of the timeline."
          actions={
            <Button size="sm" onClick={list.loadMore}>
              Try again
            </Button>
          }
        />
      )}
      <div ref={sentinel} className="timeline-sentinel" aria-hidden="true" />
      {list.hasMore && list.error == null && (
        <div className="list-footer">
          <span className="muted" aria-live="polite">
            {list.loadingMore ? 'Loading older entries…' : `Showing the newest ${list.items.length}`}
          </span>
          <Button onClick={list.loadMore} busy={list.loadingMore}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
