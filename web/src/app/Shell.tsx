// The signed-in frame: a sidebar (top bar on phones) with the brand, navigation and the
// user's name with a Sign out button; the page renders in <main>.
import { NavLink, Outlet } from 'react-router-dom';
import { Avatar, Button } from '../ui';
import { userLabel } from '../modules/users';
import { useAuth, useCurrentUser } from './auth';
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

export function Shell() {
  const { signOut } = useAuth();
  const user = useCurrentUser();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <Logo />
          <span>Hearth</span>
        </div>
        <nav className="nav" aria-label="Main">
          <NavLink to="/contacts" className="nav-link">
            <Icon d={CONTACTS_ICON} />
            <span>Contacts</span>
          </NavLink>
          <NavLink to="/companies" className="nav-link">
            <Icon d={COMPANIES_ICON} />
            <span>Companies</span>
          </NavLink>
          <NavLink to="/tasks" className="nav-link">
            <Icon d={TASKS_ICON} />
            <span>My tasks</span>
          </NavLink>
          <NavLink to="/phases" className="nav-link">
            <Icon d={BOARD_ICON} />
            <span>Phase board</span>
          </NavLink>
          <NavLink to="/attention" className="nav-link">
            <Icon d={ATTENTION_ICON} />
            <span>Needs attention</span>
          </NavLink>
        </nav>
        <div className="sidebar-user">
          <Avatar text={userLabel(user).charAt(0).toUpperCase()} seed={user.id} size={30} />
          <div className="sidebar-user-text">
            <span className="sidebar-user-name">{userLabel(user)}</span>
            <span className="sidebar-user-role">{user.role}</span>
          </div>
          <Button variant="ghost" size="sm" onClick={() => void signOut()}>
            Sign out
          </Button>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
