// A case's conversation, oldest first: the customer's messages, public replies and
// internal notes, each styled and labelled differently. Bodies come as `body_html`, made
// safe by the server (raw HTML escaped, only http(s)/mailto links): the one thing
// rendered as HTML here.
import { formatDateTime } from '../../../lib/format';
import { usePagedList } from '../../../lib/hooks';
import { Badge, Button, EmptyState, LoadError, Loading } from '../../../ui';
import { UserName } from '../../users';
import { listMessages } from '../api';
import type { CaseMessage } from '../types';

function kindOf(m: CaseMessage): { className: string; label: string; tone: 'blue' | 'amber' | 'neutral' } {
  if (m.direction === 'inbound') return { className: 'message-inbound', label: 'Customer', tone: 'neutral' };
  if (m.public) return { className: 'message-reply', label: 'Public reply', tone: 'blue' };
  return { className: 'message-note', label: 'Internal note', tone: 'amber' };
}

function Message({ message }: { message: CaseMessage }) {
  const kind = kindOf(message);
  return (
    <li className={`message ${kind.className}`}>
      <div className="message-head">
        <Badge tone={kind.tone}>{kind.label}</Badge>
        <span className="message-author">
          {message.direction === 'inbound' ? message.from_address ?? 'The customer' : <UserName id={message.author_id} />}
        </span>
        <time className="muted" dateTime={message.created_at}>
          {formatDateTime(message.created_at)}
        </time>
      </div>
      {/* Sanitised by the server (see the file comment). */}
      <div className="message-body prose" dangerouslySetInnerHTML={{ __html: message.body_html }} />
    </li>
  );
}

export function CaseConversation({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const list = usePagedList<CaseMessage>(`${caseId}|${refreshKey}`, (cursor, signal) => listMessages(caseId, { cursor, limit: 100 }, signal));

  if (list.error != null && list.items.length === 0) return <LoadError title="Could not load the conversation." error={list.error} onRetry={list.reload} />;
  if (list.loading && list.items.length === 0) return <Loading label="Loading the conversation…" />;
  if (list.items.length === 0) {
    return <EmptyState title="No messages yet">Replies to the customer and internal notes appear here.</EmptyState>;
  }
  return (
    <>
      <ol className="messages" aria-label="Conversation">
        {list.items.map((m) => (
          <Message key={m.id} message={m} />
        ))}
      </ol>
      {list.hasMore && (
        <div className="list-footer">
          <span className="muted">Showing the first {list.items.length} messages</span>
          <Button onClick={list.loadMore} busy={list.loadingMore}>
            Load more
          </Button>
        </div>
      )}
    </>
  );
}
