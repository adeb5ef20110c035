// A card with a heading that names it: `id` ties the heading to the section, so the card
// is a region named by its title.
import type { ReactNode } from 'react';

export interface CardProps {
  id: string;
  title: ReactNode;
  /** Classes besides "card". */
  className?: string;
  /** Marks the card aria-busy while its content is being renewed. */
  busy?: boolean;
  children?: ReactNode;
}

export function Card({ id, title, className, busy, children }: CardProps) {
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id} aria-busy={busy || undefined}>
      <h2 className="card-title" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}
