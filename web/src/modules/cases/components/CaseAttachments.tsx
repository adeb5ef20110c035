// The files of a case: a download link each (the server sends them as attachments with a
// sandbox policy), and for agents an upload (the file itself as the request body, its
// type as Content-Type; at most 5 MiB, and only safe document and image types).
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { useResource } from '../../../lib/hooks';
import { errorMessage } from '../../../lib/http';
import { Alert, Card, LoadError, Loading, Spinner } from '../../../ui';
import { attachmentUrl, listAttachments, uploadAttachment } from '../api';
import type { CaseAttachment } from '../types';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface CaseAttachmentsProps {
  caseId: string;
  writable: boolean;
  refreshKey: number;
  onUploaded: (a: CaseAttachment) => void;
}

export function CaseAttachments({ caseId, writable, refreshKey, onUploaded }: CaseAttachmentsProps) {
  const files = useResource<{ items: CaseAttachment[] }>(caseId, (signal) => listAttachments(caseId, signal));
  // Load again after a change (a file from an email reply, an upload), keeping the old list meanwhile.
  const { reload } = files;
  useEffect(() => {
    if (refreshKey > 0) void reload();
  }, [refreshKey, reload]);
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function upload(file: File) {
    setUploading(true);
    setFailure(null);
    try {
      const a = await uploadAttachment(caseId, file);
      onUploaded(a);
    } catch (e) {
      setFailure(`Could not attach ${file.name}: ${errorMessage(e)}`);
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <Card id="case-files" title="Attachments">
      {failure && <Alert tone="danger">{failure}</Alert>}
      {files.error != null && !files.data ? (
        <LoadError title="Could not load the attachments." error={files.error} />
      ) : !files.data ? (
        <Loading label="Loading attachments…" />
      ) : files.data.items.length === 0 ? (
        <p className="muted">No files yet.</p>
      ) : (
        <ul className="attachments" aria-label="Attachments">
          {files.data.items.map((a) => (
            <li key={a.id}>
              <a href={attachmentUrl(caseId, a.id)} download={a.filename}>
                {a.filename}
              </a>
              <span className="muted">
                {size(a.size_bytes)} · {formatDateTime(a.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <div className="attach-upload">
          <label className="btn btn-secondary btn-sm" aria-disabled={uploading || undefined}>
            {uploading && <Spinner size={14} />}
            Attach a file
            <input
              ref={input}
              type="file"
              className="sr-only"
              disabled={uploading}
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.zip,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void upload(f);
              }}
            />
          </label>
          <span className="muted">Up to 5 MB: PDF, images, text, CSV, ZIP, office documents.</span>
        </div>
      )}
    </Card>
  );
}
