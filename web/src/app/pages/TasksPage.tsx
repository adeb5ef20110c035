// My tasks: the signed-in user's open tasks in three groups — overdue, today, upcoming —
// where "today" is the browser's day (GET /tasks/mine?tz=<browser zone>). "Done" marks a
// task done; for a task about a contact, "Done and log…" also logs what happened (one
// POST /tasks/{id}/complete, contact pressure applies). "New task" opens a form on top.
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime, humanize } from '../../lib/format';
import { useDocumentTitle, useResource } from '../../lib/hooks';
import { errorMessage } from '../../lib/http';
import { useSave } from '../../lib/useSave';
import { contactName, useContactsById, type Contact } from '../../modules/contacts';
import { LogInteractionForm, type Channel } from '../../modules/interactions';
import {
  completeTask,
  createTask,
  formToTaskInput,
  getMyTasks,
  TASK_FIELDS,
  TaskForm,
  type MyTasks,
  type Task,
  type TaskFormValues,
  type TaskKind,
} from '../../modules/tasks';
import { canWrite } from '../../modules/users';
import { Alert, Badge, Button, Dialog, EmptyState, LoadError, Loading, PageHeader, Section, useToast } from '../../ui';
import { useAuth } from '../auth';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

type Group = keyof MyTasks;

const GROUPS: { key: Group; title: string; empty: string }[] = [
  { key: 'overdue', title: 'Overdue', empty: 'Nothing overdue.' },
  { key: 'today', title: 'Today', empty: 'Nothing due today.' },
  { key: 'upcoming', title: 'Upcoming', empty: 'Nothing coming up.' },
];

/** The channel a task of this kind is usually done through. */
const CHANNEL_FOR: Partial<Record<TaskKind, Channel>> = {
  call: 'phone',
  email: 'email',
  meeting: 'meeting',
  card: 'letter',
  gift: 'visit',
};

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function dueText(task: Task, group: Group): string {
  if (!task.due_at) return 'No due date';
  if (group === 'today') return `Due ${timeFmt.format(new Date(task.due_at))}`;
  return `Due ${formatDateTime(task.due_at)}`;
}

const EMPTY_TASK: TaskFormValues = {
  title: '',
  kind: 'call',
  due_date: '',
  due_time: '',
  contact_id: null,
  assignee_id: null,
  notes: '',
};

function NewTask({ onCreated, onCancel }: { onCreated: (t: Task) => void; onCancel: () => void }) {
  const save = useSave(TASK_FIELDS);
  return (
    <div className="section-block">
      <TaskForm
        initial={EMPTY_TASK}
        errors={save.errors}
        busy={save.busy}
        submitLabel="Create task"
        onCancel={onCancel}
        onSubmit={(values) =>
          void save.run(async () => {
            const created = await createTask(formToTaskInput(values));
            onCreated(created);
          })
        }
        banner={<SaveProblemBanner problem={save.problem} noun="task" />}
      />
    </div>
  );
}

interface TaskRowProps {
  task: Task;
  group: Group;
  contact: Contact | undefined;
  writable: boolean;
  busy: boolean;
  onDone: () => void;
  onDoneAndLog: () => void;
}

function TaskRow({ task, group, contact, writable, busy, onDone, onDoneAndLog }: TaskRowProps) {
  const titleId = useId();
  return (
    <li className="task-row">
      <div className="task-main">
        <span className="task-title" id={titleId}>
          {task.title}
        </span>
        <span className="task-meta">
          <Badge>{humanize(task.kind)}</Badge>
          {task.source && <Badge tone="violet">{humanize(task.source)}</Badge>}
          <span className={group === 'overdue' ? 'task-due task-overdue' : 'task-due'}>
            {task.due_at ? <time dateTime={task.due_at}>{dueText(task, group)}</time> : dueText(task, group)}
          </span>
          {task.contact_id && (
            <Link className="subtle-link" to={`/contacts/${encodeURIComponent(task.contact_id)}`}>
              {contact ? contactName(contact) : 'Contact'}
            </Link>
          )}
        </span>
      </div>
      {writable && (
        <div className="task-actions">
          {task.contact_id && (
            <Button size="sm" variant="ghost" onClick={onDoneAndLog} aria-describedby={titleId} disabled={busy}>
              Done and log…
            </Button>
          )}
          <Button size="sm" onClick={onDone} busy={busy} aria-describedby={titleId}>
            Done
          </Button>
        </div>
      )}
    </li>
  );
}

export function TasksPage() {
  useDocumentTitle('My tasks');
  const { user } = useAuth();
  const toast = useToast();
  const writable = canWrite(user);
  const mine = useResource<MyTasks>('mine', (signal) => getMyTasks(signal));
  const [creating, setCreating] = useState(false);
  const [completing, setCompleting] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [logging, setLogging] = useState<Task | null>(null);

  const all = mine.data ? [...mine.data.overdue, ...mine.data.today, ...mine.data.upcoming] : [];
  const contacts = useContactsById(all.map((t) => t.contact_id));

  /** Takes a finished task off the lists at once (the reload that follows confirms it). */
  function drop(id: string) {
    if (mine.data) {
      const d = mine.data;
      mine.set({
        overdue: d.overdue.filter((t) => t.id !== id),
        today: d.today.filter((t) => t.id !== id),
        upcoming: d.upcoming.filter((t) => t.id !== id),
      });
    }
    void mine.reload();
  }

  async function done(task: Task) {
    setCompleting(task.id);
    setFailure(null);
    try {
      await completeTask(task.id);
      toast.show(`“${task.title}” done`);
      drop(task.id);
    } catch (e) {
      setFailure(`Could not mark “${task.title}” done: ${errorMessage(e)}`);
    } finally {
      setCompleting(null);
    }
  }

  const newTask = writable && !creating && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New task
    </Button>
  );

  return (
    <div className="page page-narrow">
      <PageHeader title="My tasks" subtitle="Your open tasks: what is late, what is due today, what comes next." actions={newTask} />
      {creating && (
        <NewTask
          onCancel={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            toast.show(`Task “${t.title}” created`);
            void mine.reload();
          }}
        />
      )}
      {failure && <Alert tone="danger">{failure}</Alert>}
      {mine.error != null && !mine.data ? (
        <LoadError title="Could not load your tasks." error={mine.error} onRetry={() => void mine.reload()} />
      ) : mine.loading || !mine.data ? (
        <Loading label="Loading your tasks…" />
      ) : all.length === 0 ? (
        <EmptyState title="No open tasks" action={newTask || undefined}>
          Tasks assigned to you appear here, grouped by when they are due.
        </EmptyState>
      ) : (
        GROUPS.map((g) => {
          const tasks = mine.data![g.key];
          const headingId = `tasks-${g.key}`;
          return (
            <Section key={g.key} id={headingId} title={<>{g.title} <span className="count">{tasks.length}</span></>} className="task-group">
              {tasks.length === 0 ? (
                <p className="muted task-empty">{g.empty}</p>
              ) : (
                <ul className={g.key === 'overdue' ? 'task-list task-list-overdue' : 'task-list'}>
                  {tasks.map((t) => (
                    <TaskRow
                      key={t.id}
                      task={t}
                      group={g.key}
                      contact={t.contact_id ? contacts.get(t.contact_id) : undefined}
                      writable={writable}
                      busy={completing === t.id}
                      onDone={() => void done(t)}
                      onDoneAndLog={() => setLogging(t)}
                    />
                  ))}
                </ul>
              )}
            </Section>
          );
        })
      )}

      <Dialog open={logging !== null} title={logging ? `Done: ${logging.title}` : ''} onClose={() => setLogging(null)} wide>
        {logging?.contact_id && (
          <>
            <p>
              Marks the task done and logs what happened with{' '}
              {contacts.get(logging.contact_id) ? contactName(contacts.get(logging.contact_id)!) : 'the contact'}.
            </p>
            <LogInteractionForm
              contactId={logging.contact_id}
              submitLabel="Done and log"
              label="Log the interaction"
              className="form-plain"
              initialChannel={CHANNEL_FOR[logging.kind] ?? 'phone'}
              fieldPrefix="interaction."
              onLog={async (input) => (await completeTask(logging.id, input)).interaction}
              onLogged={() => {
                const t = logging;
                setLogging(null);
                toast.show(`“${t.title}” done, interaction logged`);
                drop(t.id);
              }}
              onCancel={() => setLogging(null)}
            />
          </>
        )}
      </Dialog>
    </div>
  );
}
