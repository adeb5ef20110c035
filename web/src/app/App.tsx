// The staff app's routes. Everything but /sign-in needs a session and renders inside
// the shell. The server answers every unknown path with index.html, so these are plain
// browser paths (no hash).
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ToastProvider } from '../ui';
import { AuthProvider, RequireAuth } from './auth';
import { Shell } from './Shell';
import { CompaniesPage } from './pages/CompaniesPage';
import { CompanyEditPage } from './pages/CompanyEditPage';
import { CompanyNewPage } from './pages/CompanyNewPage';
import { CompanyPage } from './pages/CompanyPage';
import { ContactEditPage } from './pages/ContactEditPage';
import { ContactNewPage } from './pages/ContactNewPage';
import { ContactPage } from './pages/ContactPage';
import { ContactsPage } from './pages/ContactsPage';
import { AttentionPage } from './pages/AttentionPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PhaseBoardPage } from './pages/PhaseBoardPage';
import { SignInPage } from './pages/SignInPage';
import { TasksPage } from './pages/TasksPage';

export function App() {
  return (
    <BrowserRouter>
      <ToastProvider>
        <AuthProvider>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route
              element={
                <RequireAuth>
                  <Shell />
                </RequireAuth>
              }
            >
              <Route index element={<Navigate to="/contacts" replace />} />
              <Route path="contacts" element={<ContactsPage />} />
              <Route path="contacts/new" element={<ContactNewPage />} />
              <Route path="contacts/:id" element={<ContactPage />} />
              <Route path="contacts/:id/edit" element={<ContactEditPage />} />
              <Route path="companies" element={<CompaniesPage />} />
              <Route path="companies/new" element={<CompanyNewPage />} />
              <Route path="companies/:id" element={<CompanyPage />} />
              <Route path="companies/:id/edit" element={<CompanyEditPage />} />
              <Route path="tasks" element={<TasksPage />} />
              <Route path="phases" element={<PhaseBoardPage />} />
              <Route path="attention" element={<AttentionPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </AuthProvider>
      </ToastProvider>
    </BrowserRouter>
  );
}
