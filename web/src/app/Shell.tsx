// The signed-in frame: a sidebar (top bar on phones) with the brand and the notification
// bell, navigation (the service dashboard, due purchases, analytics and settings only for
// the roles that may use them) and the user's menu (away) with a Sign out button; the page renders in <main>.
import { NavLink, Outlet } from 'react-router-dom';
import { NotificationBell } from '../modules/notifications';
import { canWrite, isAdmin, isManager } from '../modules/users';
import { useCurrentUser } from './auth';
import { UserMenu } from './components/UserMenu';
import { Logo } from './Logo';

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

const CONTACTS_ICON = 'M10 10a3.2 3.2 0 1 0 0-6.4A3.2 3.2 0 0 0 10 10Zm-5.5 6.4c.6-2.8 2.9-4.4 5.5-4.4s4.9 1.6 5.5 4.4';
const COMPANIES_ICON = 'M3.5 16.5v-11l6-2.5v13.5M9.5 16.5V7.5l7 2.5v6.5M2 16.5h16M6 7.5h1M6 10.5h1M6 13.5h1M12.5 11.5h1M12.5 14h1';
const TASKS_ICON = 'M4 3.5h12v13H4zM7 8l1.5 1.5L11 7M7 13h6';
const BOARD_ICON = 'M3 3.5h4v13H3zM8 3.5h4v9H8zM13 3.5h4v6h-4z';
const ATTENTION_ICON = 'M10 3 2.5 16.5h15L10 3ZM10 8v4M10 14.2v.3';
const CASES_ICON = 'M3 5.5h14v10H3zM3 5.5l7 5 7-5';
const SERVICE_ICON = 'M3.5 16.5v-5M8 16.5v-9M12.5 16.5v-6M17 16.5v-11';
const SLA_ICON = 'M10 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM10 7v3.5l2.5 1.5';
const POLICY_ICON = 'M5 2.5h7l3 3v12H5zM12 2.5v3h3M7.5 9.5h5M7.5 12.5h5';
const ESCALATION_ICON = 'M10 16.5v-12M5.5 9 10 4.5 14.5 9';
const SALES_ICON = 'M3 16.5h14M5 13l3.5-4 3 2.5L16 5.5M12.5 5.5H16V9';
const ORDERS_ICON = 'M4 4.5h1.8l1.7 8.5h8l1.5-6H6.6M8.5 16.3a.8.8 0 1 0 0-1.6.8.8 0 0 0 0 1.6ZM14.5 16.3a.8.8 0 1 0 0-1.6.8.8 0 0 0 0 1.6Z';
const PRODUCTS_ICON = 'M10 2.5 3 6v8l7 3.5 7-3.5V6l-7-3.5ZM3 6l7 3.5L17 6M10 9.5v8';
const ANALYTICS_ICON = 'M10 3v7h7A7 7 0 1 1 10 3ZM12.5 2.5a5 5 0 0 1 5 5h-5v-5Z';
const DUE_ICON = 'M3.5 5h13v11.5h-13zM3.5 8.5h13M7 3v3.5M13 3v3.5M7.5 12.5l1.8 1.8 3.4-3.6';
const MAIL_ICON = 'M2.5 5h15v10h-15zM2.5 5l7.5 6 7.5-6';

function NavItem({ to, icon, label, end }: { to: string; icon: string; label: string; end?: boolean }) {
  return (
    <NavLink to={to} className="nav-link" end={end}>
      <Icon d={icon} />
      <span>{label}</span>
    </NavLink>
  );
}

export function Shell() {
  const user = useCurrentUser();
  const manager = isManager(user);
  const admin = isAdmin(user);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <Logo />
          <span>Hearth</span>
          <NotificationBell />
        </div>
        <nav className="nav" aria-label="Main">
          <NavItem to="/contacts" icon={CONTACTS_ICON} label="Contacts" />
          <NavItem to="/companies" icon={COMPANIES_ICON} label="Companies" />
          <NavItem to="/cases" icon={CASES_ICON} label="Cases" />
          <NavItem to="/tasks" icon={TASKS_ICON} label="My tasks" />
          <NavItem to="/phases" icon={BOARD_ICON} label="Phase board" />
          <NavItem to="/attention" icon={ATTENTION_ICON} label="Needs attention" />
          {manager && <NavItem to="/service" icon={SERVICE_ICON} label="Service" />}
          <span className="nav-heading" aria-hidden="true">
            Sales
          </span>
          <NavItem to="/sales" icon={SALES_ICON} label="Sales board" end />
          <NavItem to="/sales/forecast" icon={SERVICE_ICON} label="Forecast" />
          <NavItem to="/orders" icon={ORDERS_ICON} label="Orders" />
          {canWrite(user) && <NavItem to="/due" icon={DUE_ICON} label="Due purchases" />}
          {canWrite(user) && <NavItem to="/products" icon={PRODUCTS_ICON} label="Products" />}
          {manager && <NavItem to="/analytics" icon={ANALYTICS_ICON} label="Analytics" />}
          {manager && (
            <>
              <span className="nav-heading" aria-hidden="true">
                Settings
              </span>
              <NavItem to="/settings/sla-policies" icon={SLA_ICON} label="SLA policies" />
              <NavItem to="/settings/cx-policy" icon={POLICY_ICON} label="CX policy" />
              {admin && <NavItem to="/settings/escalation" icon={ESCALATION_ICON} label="Escalation" />}
              {admin && <NavItem to="/settings/mailbox" icon={MAIL_ICON} label="Mailbox" />}
            </>
          )}
        </nav>
        <UserMenu />
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
