import { useEffect, useState } from 'preact/hooks';
import { live } from './live';
import { startUnread, stopUnread, useUnread } from './unread';
import { roleLabels } from './format';
import { navigate, useRoute } from './router';
import { getSession, onSessionChange, signOut, type Session } from './session';
import type { Role } from './types';
import { ConnectionBadge } from './components/ConnectionBadge';
import { Toasts } from './components/Toasts';
import { Login } from './views/Login';
import { ProjectList } from './views/officer/ProjectList';
import { ProjectForm } from './views/officer/ProjectForm';
import { ProjectDetail } from './views/officer/ProjectDetail';
import { Inbox } from './views/county/Inbox';
import { CountyProject } from './views/county/CountyProject';
import { MyBids } from './views/county/MyBids';
import { Profile } from './views/county/Profile';
import { ParkPage } from './views/coordinator/ParkPage';
import { ContestBoard } from './views/coordinator/ContestBoard';
import { ProvinceView } from './views/coordinator/ProvinceView';
import { Quotas } from './views/coordinator/Quotas';
import { EvidenceQueue } from './views/coordinator/EvidenceQueue';
import { Cockpit } from './views/coordinator/Cockpit';
import { OverdueList } from './views/landing/OverdueList';
import { AllocationView } from './views/coordinator/AllocationView';
import { Pairings } from './views/coordinator/Pairings';
import { HoldingList } from './views/coordinator/HoldingList';
import { ChemicalParkCandidates } from './views/coordinator/ChemicalParkCandidates';
import { CountyPage } from './views/coordinator/CountyPage';
import { Accounts } from './views/admin/Accounts';
import { PasswordChange } from './views/PasswordChange';

// `unread`: the entry that carries the user's unread count (the list the unread projects are in).
const nav: Record<Role, { path: string; label: string; unread?: boolean }[]> = {
  officer: [{ path: '/projects', label: '我的项目', unread: true }, { path: '/projects/new', label: '发布项目' }],
  county: [{ path: '/inbox', label: '项目收件箱', unread: true }, { path: '/bids', label: '我的意向' }, { path: '/profile', label: '本县资料' }],
  coordinator: [{ path: '/contests', label: '竞争看板', unread: true }, { path: '/allocation', label: '统筹分配' }, { path: '/cockpit', label: '驾驶舱' }, { path: '/overdue', label: '超期项目' }, { path: '/province', label: '全省概览' }, { path: '/projects', label: '全部项目' }, { path: '/quotas', label: '指标' }, { path: '/evidence', label: '证据核实' }, { path: '/pairings', label: '结对' }, { path: '/counties', label: '县区资料' }, { path: '/holding', label: '待落位园区' }, { path: '/chemical-parks', label: '化工园区' }],
  // 市级统筹: the province's board, limited by the API to the prefecture's counties and the contests routed to it.
  prefecture: [{ path: '/contests', label: '竞争看板' }],
  admin: [{ path: '/contests', label: '竞争看板', unread: true }, { path: '/province', label: '全省概览' }, { path: '/projects', label: '全部项目' }, { path: '/quotas', label: '指标' }, { path: '/accounts', label: '账号管理' }],
};

export function App() {
  const [session, setSession] = useState<Session | null>(getSession());
  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => {
    if (!session) { live.stop(); stopUnread(); return; }
    live.start(session.user.userName, () => getSession()?.token ?? '');
    startUnread();
    return () => { live.stop(); stopUnread(); };
  }, [session?.token]);

  if (!session) return <><Login /><Toasts /></>;
  return <Workbench session={session} />;
}

function Workbench({ session }: { session: Session }) {
  const route = useRoute();
  const role = session.user.role;
  const home = nav[role][0].path;
  useEffect(() => { if (route.length === 0) navigate(home); }, [route.length]);
  const path = `/${route.join('/')}`;
  const unread = useUnread();

  return (
    <div class={`shell role-${role}`} data-role={role}>
      <a class="skip" href="#main" onClick={e => { e.preventDefault(); document.getElementById('main')?.focus(); }}>跳到正文</a>
      <header class="topbar">
        <div class="brand">山东省协同招商平台<span class="role">{roleLabels[role]}</span></div>
        <nav aria-label="主导航" data-unread-loaded={unread.loaded ? '1' : undefined}>
          {nav[role].map(n => (
            <a key={n.path} href={`#${n.path}`} aria-current={path === n.path || (n.path !== '/projects/new' && path.startsWith(`${n.path}/`) && path !== '/projects/new') ? 'page' : undefined}>{n.label}{n.unread && unread.count > 0 && <span class="nav-unread" data-unread={unread.count} aria-label={`${unread.count} 个未读`}>{unread.count}</span>}</a>
          ))}
        </nav>
        <div class="who">
          <ConnectionBadge />
          <span class="user">{session.user.displayName || session.user.userName}</span>
          <a class="link" href="#/password" data-action="password">修改密码</a>
          <button class="link" onClick={() => { signOut(); navigate('/'); }}>退出</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <View route={route} role={role} />
      </main>
      <Toasts />
    </div>
  );
}

function View({ route, role }: { route: string[]; role: Role }) {
  const [first, second, third] = route;
  // Every signed-in user's own page; the accounts page is the admins' (the API refuses the others too).
  if (first === 'password') return <PasswordChange />;
  if (first === 'accounts' && role === 'admin') return <Accounts />;
  if (role === 'county') {
    if (first === 'inbox' && second) return <CountyProject id={second} />;
    if (first === 'bids') return <MyBids />;
    if (first === 'profile') return <Profile />;
    return <Inbox />;
  }
  if (first === 'projects' && second === 'new' && role === 'officer') return <ProjectForm />;
  if (first === 'projects' && second && third === 'edit') return <ProjectForm id={second} />;
  if (first === 'projects' && second) return <ProjectDetail id={second} />;
  if (role === 'officer') return <ProjectList />;
  if (first === 'province') return <ProvinceView />;
  if (first === 'quotas') return <Quotas />;
  if (first === 'evidence' && role === 'coordinator') return <EvidenceQueue />;
  if (first === 'parks' && second && role === 'coordinator') return <ParkPage id={second} />;
  if (first === 'cockpit') return <Cockpit />;
  if (first === 'overdue' && role === 'coordinator') return <OverdueList />;
  if (first === 'allocation' && role === 'coordinator') return <AllocationView />;
  if (first === 'pairings' && role === 'coordinator') return <Pairings />;
  if (first === 'holding' && role === 'coordinator') return <HoldingList />;
  if (first === 'chemical-parks' && role === 'coordinator') return <ChemicalParkCandidates />;
  if (first === 'counties' && role === 'coordinator') return <CountyPage adcode={second} />;
  if (first === 'projects') return <ProjectList />;
  return <ContestBoard />;
}
