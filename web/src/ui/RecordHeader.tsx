// The top of a record's own page: the back link, avatar and name, a subtitle, Archive and
// Edit for those who may change the record, and a note once it is archived.
import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format';
import { Alert } from './Alert';
import { Avatar } from './Avatar';
import { Button, ButtonLink } from './Button';
import { PageHeader } from './PageHeader';

export interface RecordHeaderProps {
  back: { to: string; label: string };
  name: string;
  /** The avatar's initials, and its colour seed (the record's id). */
  avatar: { text: string; seed: string };
  subtitle?: ReactNode;
  /** Show Archive and Edit. */
  writable: boolean;
  onArchive: () => void;
  editTo: string;
  /** "contact", "company", for the archived note. */
  noun: string;
  archivedAt: string | null;
}

export function RecordHeader({ back, name, avatar, subtitle, writable, onArchive, editTo, noun, archivedAt }: RecordHeaderProps) {
  return (
    <>
      <PageHeader
        back={back}
        title={
          <span className="title-with-avatar">
            <Avatar text={avatar.text} seed={avatar.seed} size={40} />
            <span>{name}</span>
          </span>
        }
        subtitle={subtitle}
        actions={
          writable && (
            <>
              <Button variant="ghost" onClick={onArchive}>
                Archive
              </Button>
              <ButtonLink to={editTo} variant="primary">
                Edit
              </ButtonLink>
            </>
          )
        }
      />
      {archivedAt && (
        <Alert tone="info" title="Archived">
          This {noun} was archived on {formatDateTime(archivedAt)}. It no longer shows in lists.
        </Alert>
      )}
    </>
  );
}
