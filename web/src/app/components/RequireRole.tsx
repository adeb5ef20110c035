// Pages only some roles may use (agents and up, managers and admins, or admins): anyone
// else gets a plain "no access" page instead of a page full of 403s.
import type { ReactNode } from 'react';
import { canWrite, isAdmin, isManager } from '../../modules/users';
import { EmptyState, PageHeader } from '../../ui';
import { useAuth } from '../auth';

export function RequireRole({ role, title, children }: { role: 'agent' | 'manager' | 'admin'; title: string; children: ReactNode }) {
  const { user } = useAuth();
  const allowed = role === 'admin' ? isAdmin(user) : role === 'manager' ? isManager(user) : canWrite(user);
  if (allowed) return <>{children}</>;
  return (
    <div className="page page-narrow">
      <PageHeader title={title} />
      <EmptyState title="You do not have access to this page">
        {role === 'admin'
          ? 'Only administrators can use it.'
          : role === 'manager'
            ? 'Only managers and administrators can use it.'
            : 'Only agents, managers and administrators can use it.'}
      </EmptyState>
    </div>
  );
}
