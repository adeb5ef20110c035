// The staff app's routes. Everything but /sign-in needs a session and renders inside
// the shell. The server answers every unknown path with index.html, so these are plain
// browser paths (no hash).
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { Loading, ToastProvider } from '../ui';
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
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { CxPolicyPage } from './pages/CxPolicyPage';
import { EscalationPage } from './pages/EscalationPage';
import { MailboxPage } from './pages/MailboxPage';
import { SlaPoliciesPage } from './pages/SlaPoliciesPage';
import { SlaPolicyEditPage, SlaPolicyNewPage } from './pages/SlaPolicyEditPage';
import { ProductsPage } from './pages/ProductsPage';
import { ProductNewPage } from './pages/ProductNewPage';
import { ProductEditPage } from './pages/ProductEditPage';
import { OrdersPage } from './pages/OrdersPage';
import { OrderNewPage } from './pages/OrderNewPage';
import { OrderPage } from './pages/OrderPage';
import { OrderImportPage } from './pages/OrderImportPage';
import { SalesBoardPage } from './pages/SalesBoardPage';
import { OpportunityPage } from './pages/OpportunityPage';
import { DuePage } from './pages/DuePage';
import { PolicyGate } from './PolicyGate';
import { RequireRole } from './components/RequireRole';

// The service dashboard brings the chart library: it loads only when opened.
const ServicePage = lazy(() => import('./pages/ServicePage').then((m) => ({ default: m.ServicePage })));
// The forecast and the analytics pages draw charts too.
const ForecastPage = lazy(() => import('./pages/ForecastPage').then((m) => ({ default: m.ForecastPage })));
const AnalyticsPage = lazy(() => import('./pages/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));
const DigestPage = lazy(() => import('./pages/DigestPage').then((m) => ({ default: m.DigestPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

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
                  <PolicyGate>
                    <Shell />
                  </PolicyGate>
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
              <Route path="cases" element={<CasesPage />} />
              <Route path="cases/:id" element={<CasePage />} />
              <Route path="sales" element={<SalesBoardPage />} />
              <Route path="sales/forecast" element={<Lazy><ForecastPage /></Lazy>} />
              <Route path="opportunities/:id" element={<OpportunityPage />} />
              <Route path="orders" element={<OrdersPage />} />
              <Route path="orders/new" element={<OrderNewPage />} />
              <Route path="orders/import" element={<RequireRole role="manager" title="Import orders"><OrderImportPage /></RequireRole>} />
              <Route path="orders/:id" element={<OrderPage />} />
              <Route path="products" element={<ProductsPage />} />
              <Route path="products/new" element={<RequireRole role="manager" title="New product"><ProductNewPage /></RequireRole>} />
              <Route path="products/:id" element={<ProductEditPage />} />
              <Route path="due" element={<RequireRole role="agent" title="Due purchases"><DuePage /></RequireRole>} />
              <Route path="analytics" element={<RequireRole role="manager" title="Analytics"><Lazy><AnalyticsPage /></Lazy></RequireRole>} />
              <Route path="service" element={<RequireRole role="manager" title="Service"><Lazy><ServicePage /></Lazy></RequireRole>} />
              <Route path="service/digests/:id" element={<RequireRole role="manager" title="Digest"><Lazy><DigestPage /></Lazy></RequireRole>} />
              <Route path="settings/sla-policies" element={<RequireRole role="manager" title="SLA policies"><SlaPoliciesPage /></RequireRole>} />
              <Route path="settings/sla-policies/new" element={<RequireRole role="manager" title="New SLA policy"><SlaPolicyNewPage /></RequireRole>} />
              <Route path="settings/sla-policies/:id" element={<RequireRole role="manager" title="SLA policy"><SlaPolicyEditPage /></RequireRole>} />
              <Route path="settings/cx-policy" element={<RequireRole role="manager" title="Customer-experience policy"><CxPolicyPage /></RequireRole>} />
              <Route path="settings/escalation" element={<RequireRole role="admin" title="Escalation"><EscalationPage /></RequireRole>} />
              <Route path="settings/mailbox" element={<RequireRole role="admin" title="Mailbox"><MailboxPage /></RequireRole>} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </AuthProvider>
      </ToastProvider>
    </BrowserRouter>
  );
}
