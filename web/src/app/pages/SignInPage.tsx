// Sign in with email and password (POST /api/v1/auth/login sets the session cookie),
// then go to where the user was headed.
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../../lib/hooks';
import { errorMessage, isApiError } from '../../lib/http';
import { Alert, Button, Field, Input } from '../../ui';
import { useAuth } from '../auth';
import { Logo } from '../Logo';

function safeNext(next: string | null): string {
  // Only same-app paths: never follow "//evil.example" or absolute URLs.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/contacts';
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { state, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  if (state.status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      if (isApiError(err) && err.status === 401) setError('That email and password do not match an account.');
      else if (isApiError(err) && err.status === 429)
        setError(
          err.retryAfter
            ? `Too many failed attempts. Try again in ${err.retryAfter} seconds.`
            : 'Too many failed attempts. Try again later.',
        );
      else setError(errorMessage(err));
      setBusy(false);
    }
  }

  const expired = params.get('expired') === '1';
  const unreachable = params.get('error') === 'unreachable' || state.status === 'error';

  return (
    <div className="splash signin">
      <div className="splash-card signin-card">
        <div className="signin-brand">
          <Logo size={36} />
        </div>
        <h1 className="signin-title">Sign in to Hearth</h1>
        <p className="signin-sub">Use your staff account.</p>
        {expired && !error && <Alert tone="info">Your session has ended. Sign in again to continue.</Alert>}
        {unreachable && !error && <Alert tone="warning">The Hearth server could not be reached. Try again in a moment.</Alert>}
        {error && <Alert tone="danger">{error}</Alert>}
        <form className="signin-form" onSubmit={submit} noValidate>
          <Field label="Email">
            <Input
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoFocus
              spellCheck={false}
            />
          </Field>
          <Field label="Password">
            <Input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <Button type="submit" variant="primary" busy={busy} className="btn-block">
            Sign in
          </Button>
        </form>
      </div>
    </div>
  );
}
