// What a page or panel shows while its data loads, or when loading it failed.
import { errorMessage } from '../lib/http';
import { Alert } from './Alert';
import { Button } from './Button';
import { PageHeader } from './PageHeader';
import { Loading } from './Spinner';

/** "Could not load …" with the reason, and Try again when `onRetry` is given. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      tone="danger"
      title={title}
      actions={
        onRetry && (
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}

export interface RecordLoadStateProps {
  loading: boolean;
  error: unknown;
  /** "contact" → "Loading contact…", "Could not load this contact." */
  noun: string;
  /** The page title when loading failed ("Contact", "Edit contact"). */
  title: string;
  back: { to: string; label: string };
}

/** A record's page before the record is there: a spinner, or the header and why it failed. */
export function RecordLoadState({ loading, error, noun, title, back }: RecordLoadStateProps) {
  if (loading) {
    return (
      <div className="page">
        <Loading label={`Loading ${noun}…`} />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader title={title} back={back} />
      <LoadError title={`Could not load this ${noun}.`} error={error} />
    </div>
  );
}
