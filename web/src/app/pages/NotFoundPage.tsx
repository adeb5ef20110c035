import { useDocumentTitle } from '../../lib/hooks';
import { ButtonLink, EmptyState } from '../../ui';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <div className="page">
      <EmptyState title="Page not found" action={<ButtonLink to="/contacts">Go to contacts</ButtonLink>}>
        The address you followed does not lead anywhere in Hearth.
      </EmptyState>
    </div>
  );
}
