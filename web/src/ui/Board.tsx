// A board of columns whose cards move between them: by dragging a card to another column
// (HTML5 drag and drop) or with its "Move to…" select (keyboard and touch). What a move
// does is the page's: `useBoardDrag` only says which card was dropped on which column.
import { useState, type DragEvent, type HTMLAttributes, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LoadError } from './LoadState';
import { Select } from './Field';
import { Spinner } from './Spinner';

type DataAttributes = Record<`data-${string}`, string>;

export interface BoardCardDrag {
  dragging: boolean;
  onDragStart: (e: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}

export type ColumnDrop = Pick<HTMLAttributes<HTMLElement>, 'onDragOver' | 'onDragLeave' | 'onDrop'> & { over: boolean };

/**
 * The drag state of a board whose cards have ids. `find` looks a dropped card up by id;
 * `onDrop` gets it with the key of the column it was dropped on.
 */
export function useBoardDrag<T extends { id: string }, K extends string>(find: (id: string) => T | undefined, onDrop: (item: T, column: K) => void) {
  const [dragging, setDragging] = useState<T | null>(null);
  const [over, setOver] = useState<K | null>(null);

  function column(key: K): ColumnDrop {
    return {
      over: over === key,
      onDragOver: (e) => {
        if (!dragging) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (over !== key) setOver(key);
      },
      onDragLeave: (e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((v) => (v === key ? null : v));
      },
      onDrop: (e) => {
        e.preventDefault();
        setOver(null);
        const id = e.dataTransfer.getData('text/plain') || dragging?.id;
        setDragging(null);
        const item = id ? find(id) : undefined;
        if (item) onDrop(item, key);
      },
    };
  }

  function card(item: T): BoardCardDrag {
    return {
      dragging: dragging?.id === item.id,
      onDragStart: (e) => {
        e.dataTransfer.setData('text/plain', item.id);
        e.dataTransfer.effectAllowed = 'move';
        setDragging(item);
      },
      onDragEnd: () => {
        setDragging(null);
        setOver(null);
      },
    };
  }

  return { column, card };
}

export interface BoardColumnProps {
  headingId: string;
  title: ReactNode;
  drop: ColumnDrop;
  /** Data attributes for the column's section, e.g. `{ 'data-stage': key }`. */
  data?: DataAttributes;
  count: number;
  /** There are more cards than are shown. */
  more: boolean;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** The cards' plural noun, for the count's accessible name ("3 or more contacts"). */
  noun: string;
  /** The accessible name of the list of cards. */
  listLabel: string;
  /** What an empty column says. */
  empty: ReactNode;
  /** Under the header, above the cards. */
  summary?: ReactNode;
  /** Under the cards. */
  footer?: ReactNode;
  children: ReactNode;
}

export function BoardColumn({ headingId, title, drop, data, count, more, loading, error, onRetry, noun, listLabel, empty, summary, footer, children }: BoardColumnProps) {
  const { over, ...handlers } = drop;
  return (
    <section className={over ? 'board-column board-column-over' : 'board-column'} aria-labelledby={headingId} {...data} {...handlers}>
      <div className="board-column-header">
        <h2 className="board-column-title" id={headingId}>
          {title}
        </h2>
        <span className="count" aria-label={`${count}${more ? ' or more' : ''} ${noun}`}>
          {loading ? <Spinner size={12} /> : `${count}${more ? '+' : ''}`}
        </span>
      </div>
      {summary}
      {error != null ? (
        <LoadError title="Could not load." error={error} onRetry={onRetry} />
      ) : count === 0 && !loading ? (
        <p className="board-empty muted">{empty}</p>
      ) : (
        <ul className="board-cards" aria-label={listLabel}>
          {children}
        </ul>
      )}
      {footer}
    </section>
  );
}

export interface BoardCardProps {
  /** The card's name: its link's text and in the "Move … to…" select's name. */
  name: string;
  to: string;
  writable: boolean;
  drag: BoardCardDrag;
  data?: DataAttributes;
  /** The columns the card can move to (not its own). */
  targets: { value: string; label: string }[];
  onMoveTo: (value: string) => void;
  /** What the card shows under its name. */
  children?: ReactNode;
}

export function BoardCard({ name, to, writable, drag, data, targets, onMoveTo, children }: BoardCardProps) {
  return (
    <li
      className={drag.dragging ? 'board-card board-card-dragging' : 'board-card'}
      draggable={writable}
      onDragStart={drag.onDragStart}
      onDragEnd={drag.onDragEnd}
      {...data}
    >
      <Link className="row-link board-card-name" to={to} draggable={false}>
        {name}
      </Link>
      {children}
      {writable && (
        <Select
          className="select-compact board-card-move"
          aria-label={`Move ${name} to…`}
          value=""
          onChange={(e) => {
            if (e.target.value) onMoveTo(e.target.value);
          }}
        >
          <option value="">Move to…</option>
          {targets.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      )}
    </li>
  );
}
