// The case queue: open cases in four tabs — mine, the service team's, those breaching
// soon (a clock due within 4 hours or past) and all — nearest due first, each with a live
// countdown to its next due time. "New case" opens the form on top. The tab is kept in
// the URL (?view=).
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../../lib/hooks';
import { CASE_VIEWS, CaseTable, NewCaseDialog, useCaseList, type CaseView } from '../../modules/cases';
import { canWrite } from '../../modules/users';
import { Button, EmptyState, PageHeader, PagedListView } from '../../ui';
import { useAuth } from '../auth';
import { Tabs } from '../components/Tabs';

const EMPTY: Record<CaseView, string> = {
  mine: 'No open cases are yours.',
  team: 'The service team has no open cases.',
  breaching: 'No case is due within 4 hours.',
  all: 'There are no open cases.',
};

function readView(p: URLSearchParams): CaseView {
  const v = p.get('view');
  return CASE_VIEWS.some((x) => x.value === v) ? (v as CaseView) : 'mine';
}

export function CasesPage() {
  useDocumentTitle('Cases');
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const [creating, setCreating] = useState(false);
  const list = useCaseList({ view, sort: 'due' });
  const newCase = canWrite(user) && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New case
    </Button>
  );

  return (
    <div className="page">
      <PageHeader title="Cases" subtitle="Open complaints, questions, requests and incidents, nearest due first." actions={newCase} />
      <Tabs label="Case queue" tabs={CASE_VIEWS} value={view} onChange={(v) => setParams(v === 'mine' ? {} : { view: v }, { replace: true })}>
        <PagedListView
          list={list}
          one="case"
          many="cases"
          empty={<EmptyState title="Nothing here">{EMPTY[view]}</EmptyState>}
        >
          <CaseTable cases={list.items} busy={list.loading} label="Case queue" />
        </PagedListView>
      </Tabs>
      <NewCaseDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          navigate(`/cases/${encodeURIComponent(c.id)}`);
        }}
      />
    </div>
  );
}
