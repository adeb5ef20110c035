// The banner above a record form after a failed save: someone else changed the record
// (412, with a Reload button), a duplicate (409, linking the existing record), or plain
// messages.
import type { ReactNode } from 'react';
import type { SaveProblem } from '../../lib/saveError';
import { Alert, Button } from '../../ui';

export interface SaveProblemBannerProps {
  problem: SaveProblem | null;
  /** "contact", "company". */
  noun: string;
  onReload?: () => void;
  reloading?: boolean;
  /** For duplicates: the link to the existing record and an optional "save anyway" action. */
  duplicate?: { link: ReactNode; action?: ReactNode };
}

export function SaveProblemBanner({ problem, noun, onReload, reloading, duplicate }: SaveProblemBannerProps) {
  if (!problem) return null;
  if (problem.kind === 'conflict') {
    return (
      <Alert
        tone="warning"
        title={`This ${noun} was changed by someone else since you opened it.`}
        actions={
          onReload && (
            <Button variant="secondary" size="sm" onClick={onReload} busy={reloading}>
              Reload
            </Button>
          )
        }
      >
        Reload to see their changes. Your unsaved edits here will be replaced.
      </Alert>
    );
  }
  if (problem.kind === 'duplicate') {
    return (
      <Alert tone="danger" title={`A ${noun} with this email already exists.`} actions={duplicate?.action}>
        {duplicate?.link ?? problem.detail}
      </Alert>
    );
  }
  return (
    <Alert tone="danger" title={problem.title ?? 'Could not save.'}>
      {problem.messages.length === 1 ? (
        <p>{problem.messages[0]}</p>
      ) : (
        <ul>
          {problem.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
