// A titled part of a page: a heading (with the section's actions beside it) that names
// the section; `id` ties the two together.
import type { ReactNode } from 'react';

export interface SectionProps {
  id: string;
  title: ReactNode;
  /** Buttons or links beside the heading. */
  actions?: ReactNode;
  /** Classes besides "section". */
  className?: string;
  children?: ReactNode;
}

export function Section({ id, title, actions, className, children }: SectionProps) {
  return (
    <section className={className ? `section ${className}` : 'section'} aria-labelledby={id}>
      <div className="section-header">
        <h2 className="section-title" id={id}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
