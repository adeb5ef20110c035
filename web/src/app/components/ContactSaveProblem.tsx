// The banner above the contact forms after a failed save: SaveProblemBanner, and for a
// duplicate email (409) a link to the contact that has it and a button ("Create anyway",
// "Save anyway") that submits the form once more, after `onAnyway` has marked that
// submit as allow_duplicate.
import type { SaveProblem } from '../../lib/saveError';
import { DuplicateLink } from '../../modules/contacts';
import { Button } from '../../ui';
import { SaveProblemBanner } from './SaveProblemBanner';

export interface ContactSaveProblemProps {
  problem: SaveProblem | null;
  busy: boolean;
  anywayLabel: string;
  onAnyway: () => void;
  onReload?: () => void;
  reloading?: boolean;
}

export function ContactSaveProblem({ problem, busy, anywayLabel, onAnyway, onReload, reloading }: ContactSaveProblemProps) {
  return (
    <SaveProblemBanner
      problem={problem}
      noun="contact"
      onReload={onReload}
      reloading={reloading}
      duplicate={
        problem?.kind === 'duplicate'
          ? {
              link: <DuplicateLink existingId={problem.existingId} />,
              action: (
                <Button
                  size="sm"
                  busy={busy}
                  onClick={(e) => {
                    onAnyway();
                    e.currentTarget.form?.requestSubmit();
                  }}
                >
                  {anywayLabel}
                </Button>
              ),
            }
          : undefined
      }
    />
  );
}
