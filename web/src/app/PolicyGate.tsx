// After sign-in, each user reads and accepts the current customer-experience policy
// before using the app: when GET /cx-policies/current has a version the user has not
// acknowledged, this screen stands in for the whole app until "I have read and accept"
// (POST /cx-policies/{id}/acknowledge). No policy (404), or a failed check, lets the
// user in: the check must not lock staff out of the CRM. recheck() asks again (after an
// admin publishes a new version).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { errorMessage } from '../lib/http';
import { acknowledgeCxPolicy, CxPolicyView, getCurrentCxPolicy, type CxPolicy } from '../modules/cx_policy';
import { Alert, Button, Loading } from '../ui';
import { formatDate } from '../lib/format';
import { useAuth } from './auth';
import { Logo } from './Logo';

const GateContext = createContext<{ recheck: () => void }>({ recheck: () => undefined });

export function usePolicyGate() {
  return useContext(GateContext);
}

function AcknowledgeScreen({ policy, onAccepted }: { policy: CxPolicy; onAccepted: () => void }) {
  const { signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function accept() {
    setBusy(true);
    setFailure(null);
    try {
      await acknowledgeCxPolicy(policy.id);
      onAccepted();
    } catch (e) {
      setFailure(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <div className="splash policy-gate">
      <main className="splash-card policy-card" aria-labelledby="policy-gate-title">
        <div className="policy-brand">
          <Logo />
          <span>Hearth</span>
        </div>
        <h1 className="page-title" id="policy-gate-title">
          Read and accept the customer-experience policy
        </h1>
        <p className="page-subtitle">
          Before you continue, read how we serve our customers. Version {policy.number}, published {formatDate(policy.published_at.slice(0, 10))}.
        </p>
        <section className="policy-text" aria-labelledby="policy-gate-policy">
          <h2 className="section-title" id="policy-gate-policy">
            {policy.title}
          </h2>
          <CxPolicyView policy={policy} />
        </section>
        {failure && <Alert tone="danger">{failure}</Alert>}
        <div className="policy-actions">
          <Button variant="ghost" onClick={() => void signOut()}>
            Sign out
          </Button>
          <Button variant="primary" busy={busy} onClick={() => void accept()}>
            I have read and accept
          </Button>
        </div>
      </main>
    </div>
  );
}

export function PolicyGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ status: 'checking' } | { status: 'ok' } | { status: 'ask'; policy: CxPolicy }>({ status: 'checking' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    getCurrentCxPolicy(ac.signal).then(
      (policy) => {
        if (ac.signal.aborted) return;
        setState(policy && !policy.acknowledged_at ? { status: 'ask', policy } : { status: 'ok' });
      },
      () => {
        if (!ac.signal.aborted) setState({ status: 'ok' });
      },
    );
    return () => ac.abort();
  }, [generation]);

  const recheck = useCallback(() => setGeneration((g) => g + 1), []);

  if (state.status === 'checking') {
    return (
      <div className="fullscreen-center">
        <Loading label="Loading Hearth…" />
      </div>
    );
  }
  if (state.status === 'ask') return <AcknowledgeScreen policy={state.policy} onAccepted={() => setState({ status: 'ok' })} />;
  return <GateContext.Provider value={{ recheck }}>{children}</GateContext.Provider>;
}
