// A message box inside the page: errors, warnings, confirmations. Danger and warning
// alerts are announced (role="alert"); others are polite status messages.
import type { ReactNode } from 'react';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
}

export function Alert({ tone = 'info', title, children, actions, className }: AlertProps) {
  const urgent = tone === 'danger' || tone === 'warning';
  return (
    <div className={`alert alert-${tone} ${className ?? ''}`.trim()} role={urgent ? 'alert' : 'status'}>
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children && <div className="alert-text">{children}</div>}
      </div>
      {actions && <div className="alert-actions">{actions}</div>}
    </div>
  );
}
