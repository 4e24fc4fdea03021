/**
 * The app shell: finds out who is logged in, keeps the session, routes between pages and
 * sends anyone whose session ended back to the login page.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, logout, me, type Session, type User } from './api';
import { getLang, hasStoredLang, normaliseLang, onLangChange, setLang, t } from './i18n';
import { canManageLedger, canManageUsers, canReview, landingFor } from './lib/roles';
import { isFieldRole, SyncProvider } from './lib/sync-context';
import { FieldRoutes, isFieldPath } from './pages/field/FieldRoutes';
import { matchRoute, navigate, useLocation } from './lib/router';
import { Header } from './components/Header';
import { forgetUser, offlineUserFor, rememberUser, watchReconnect } from './lib/offline-session';
import { applyRules } from './lib/rules';
import { Settings } from './pages/Settings';
import { ErrorBanner, Loading } from './components/ui';
import { Login } from './pages/Login';
import { ProjectList } from './pages/ProjectList';
import { ProjectDetail } from './pages/ProjectDetail';
import { Notifications } from './pages/Notifications';
import { Link } from './lib/router';
import { lazyPage } from './lib/lazy';

// The office's pages load on first visit: the phones' shell stays small (bench/pwa.py).
const Import = lazyPage(() => import('./pages/Import').then((m) => m.Import));
const Users = lazyPage(() => import('./pages/Users').then((m) => m.Users));
const ProjectLog = lazyPage(() => import('./pages/ProjectLog').then((m) => m.ProjectLog));
const Review = lazyPage(() => import('./pages/office/Review').then((m) => m.Review));
const Issues = lazyPage(() => import('./pages/office/Issues').then((m) => m.Issues));
const IssuePage = lazyPage(() => import('./pages/office/Issues').then((m) => m.IssuePage));
const Reports = lazyPage(() => import('./pages/office/Reports').then((m) => m.Reports));
const Bulletin = lazyPage(() => import('./pages/office/Bulletin').then((m) => m.Bulletin));
const BulletinDraft = lazyPage(() =>
  import('./pages/office/BulletinDraft').then((m) => m.BulletinDraft),
);
const Plans = lazyPage(() => import('./pages/office/Plans').then((m) => m.Plans));
const PlanPage = lazyPage(() => import('./pages/office/Plans').then((m) => m.PlanPage));
const DashboardPage = lazyPage(() => import('./pages/office/Dashboard').then((m) => m.Dashboard));
const MapPage = lazyPage(() => import('./pages/office/Map').then((m) => m.ProjectMapPage));
const Templates = lazyPage(() => import('./pages/office/Templates').then((m) => m.Templates));
const ChangePassword = lazyPage(() =>
  import('./pages/ChangePassword').then((m) => m.ChangePassword),
);
const Regions = lazyPage(() => import('./pages/admin/Regions').then((m) => m.Regions));

type Auth =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'anonymous'; expired: boolean }
  | { state: 'ready'; user: User; offline?: boolean };

/** Where to go after login: a local path only (never another site). */
export function safeNext(next: string | null, fallback = '/projects'): string {
  if (
    !next ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/login') ||
    next.startsWith('/api/')
  ) {
    return fallback;
  }
  return next;
}

function loginUrlFor(path: string, search: string): string {
  const here = path + search;
  return here === '/' || path.startsWith('/login')
    ? '/login'
    : `/login?next=${encodeURIComponent(here)}`;
}

export function App() {
  const [lang, setLangState] = useState(getLang());
  useEffect(() => onLangChange(setLangState), []);
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });
  const { path, search } = useLocation();

  const startSession = useCallback((session: Session) => {
    api.setCsrfToken(session.csrf_token);
    // the account's language applies until someone picks one on this device
    const accountLang = normaliseLang(session.user.locale);
    if (accountLang && !hasStoredLang()) setLang(accountLang, { persist: false });
    rememberUser(session.user); // for starting offline next time (the user object only)
    applyRules(session.rules); // the server's thresholds, kept for offline starts
    setAuth({ state: 'ready', user: session.user });
  }, []);

  const boot = useCallback(() => {
    setAuth({ state: 'loading' });
    me().then(
      (session) =>
        session ? startSession(session) : setAuth({ state: 'anonymous', expired: false }),
      (error: unknown) => {
        // no network (not a 401): start as the user kept on this device, if there is one
        const user = offlineUserFor(error);
        setAuth(user ? { state: 'ready', user, offline: true } : { state: 'error', error });
      },
    );
  }, [startSession]);

  useEffect(boot, [boot]);

  // Started offline: ask the server again once the network is back (a 401 then means log in).
  const offline = auth.state === 'ready' && auth.offline === true;
  useEffect(() => {
    if (!offline) return;
    let busy = false;
    return watchReconnect(() => {
      if (busy) return;
      busy = true;
      me()
        .then(
          (session) =>
            session ? startSession(session) : setAuth({ state: 'anonymous', expired: true }),
          () => undefined, // still unreachable: stay offline
        )
        .finally(() => (busy = false));
    });
  }, [offline, startSession]);

  const loggedIn = useCallback(
    (session: Session) => {
      startSession(session);
      // photos wait on the phone until synced: ask the browser not to evict them
      void import('./sync/storage').then((storage) => storage.requestPersistentStorage());
    },
    [startSession],
  );

  useEffect(
    () =>
      api.onLoginRequired(() => {
        // a second 401 from a request still in flight must not clear the "session expired" notice
        setAuth((prev) => ({
          state: 'anonymous',
          expired: prev.state === 'ready' || (prev.state === 'anonymous' && prev.expired),
        }));
      }),
    [],
  );

  // any API answering password_change_required: the account must choose a new password first
  useEffect(
    () =>
      api.onPasswordChangeRequired(() =>
        setAuth((prev) =>
          prev.state === 'ready'
            ? { ...prev, user: { ...prev.user, must_change_password: true } }
            : prev,
        ),
      ),
    [],
  );

  // Keep the URL in line with the session.
  useEffect(() => {
    if (auth.state === 'anonymous' && path !== '/login') {
      navigate(loginUrlFor(path, search), { replace: true });
    } else if (auth.state === 'ready' && (path === '/login' || path === '/')) {
      const next = path === '/login' ? new URLSearchParams(search).get('next') : null;
      navigate(safeNext(next, landingFor(auth.user)), { replace: true });
    }
  }, [auth, path, search]);

  async function doLogout() {
    try {
      await logout();
    } catch {
      /* the session is dropped on this side either way */
    }
    api.setCsrfToken(null);
    forgetUser();
    setAuth({ state: 'anonymous', expired: false });
    navigate('/login', { replace: true });
  }

  if (auth.state === 'loading') {
    return (
      <>
        <Header user={null} path={path} />
        <main id="main" class="container">
          <Loading />
        </main>
      </>
    );
  }
  if (auth.state === 'error') {
    return (
      <>
        <Header user={null} path={path} />
        <main id="main" class="container">
          <ErrorBanner error={auth.error} onRetry={boot} />
        </main>
      </>
    );
  }
  if (auth.state === 'anonymous') {
    return (
      <>
        <Header user={null} path={path} />
        <Login key={lang} onLoggedIn={loggedIn} expired={auth.expired} />
      </>
    );
  }

  const user = auth.user;
  if (user.must_change_password) {
    // a one-time password: nothing else (no sync either) until the user chose their own; the
    // URL stays, so the app goes on to where it was going
    return (
      <>
        <Header
          user={user}
          path={path}
          onLogout={doLogout}
          offline={auth.offline === true}
          locked
        />
        <main id="main" class="container" key={lang}>
          <ChangePassword forced onChanged={startSession} />
        </main>
      </>
    );
  }
  return (
    // one sync engine per logged-in user; started at once for field roles, or on a /field page
    <SyncProvider key={user.id} user={user} active={isFieldRole(user) || isFieldPath(path)}>
      <Header user={user} path={path} onLogout={doLogout} offline={auth.offline === true} />
      {/* keyed by language: pages remount and refetch server labels in the new language */}
      <main id="main" class="container" key={lang}>
        <Routes user={user} path={path} search={search} onSession={startSession} />
      </main>
    </SyncProvider>
  );
}

function Routes({
  user,
  path,
  search,
  onSession,
}: {
  user: User;
  path: string;
  search: string;
  onSession: (session: Session) => void;
}) {
  if (path === '/' || path === '/login') return <Loading />;
  if (isFieldPath(path)) return <FieldRoutes user={user} path={path} search={search} />;
  if (matchRoute('/projects', path)) return <ProjectList user={user} search={search} />;
  const log = matchRoute('/projects/:id/log', path);
  if (log) return canReview(user) ? <ProjectLog key={log.id} id={log.id!} /> : <NoAccess />;
  const detail = matchRoute('/projects/:id', path);
  if (detail) return <ProjectDetail key={detail.id} id={detail.id!} search={search} user={user} />;
  if (matchRoute('/import', path)) return canManageLedger(user) ? <Import /> : <NoAccess />;
  if (matchRoute('/users', path)) return canManageUsers(user) ? <Users me={user} /> : <NoAccess />;
  if (matchRoute('/office/review', path)) return canReview(user) ? <Review /> : <NoAccess />;
  if (matchRoute('/office/issues', path))
    return canReview(user) ? <Issues search={search} /> : <NoAccess />;
  const issue = matchRoute('/office/issues/:id', path);
  if (issue) return canReview(user) ? <IssuePage key={issue.id} id={issue.id!} /> : <NoAccess />;
  if (matchRoute('/office/reports', path)) return canReview(user) ? <Reports /> : <NoAccess />;
  if (matchRoute('/office/bulletin', path))
    return canReview(user) ? <Bulletin search={search} /> : <NoAccess />;
  const bulletinRecord = matchRoute('/office/bulletins/:id', path);
  if (bulletinRecord)
    return canReview(user) ? (
      <BulletinDraft key={bulletinRecord.id} id={bulletinRecord.id!} />
    ) : (
      <NoAccess />
    );
  if (matchRoute('/office/dashboard', path))
    return canReview(user) ? <DashboardPage search={search} /> : <NoAccess />;
  if (matchRoute('/office/map', path))
    return canReview(user) ? <MapPage search={search} /> : <NoAccess />;
  if (path === '/office/templates' || path.startsWith('/office/templates/'))
    return canReview(user) ? <Templates path={path} user={user} /> : <NoAccess />;
  if (matchRoute('/office/plans', path)) return canReview(user) ? <Plans /> : <NoAccess />;
  const plan = matchRoute('/office/plans/:id', path);
  if (plan)
    return canReview(user) ? (
      <PlanPage key={plan.id} id={plan.id!} search={search} />
    ) : (
      <NoAccess />
    );
  if (matchRoute('/admin/regions', path)) return canManageUsers(user) ? <Regions /> : <NoAccess />;
  if (matchRoute('/password', path)) return <ChangePassword onChanged={onSession} />;
  if (matchRoute('/settings', path)) return <Settings />;
  if (matchRoute('/notifications', path)) return <Notifications user={user} />;
  return <NotFound />;
}

function NoAccess() {
  return (
    <section class="page" data-testid="no-access">
      <p class="alert alert-error">{t('common.noPermission')}</p>
      <Link href="/projects">{t('common.toHome')}</Link>
    </section>
  );
}

function NotFound() {
  return (
    <section class="page" data-testid="not-found">
      <h1>{t('common.notFound')}</h1>
      <Link href="/projects">{t('common.toHome')}</Link>
    </section>
  );
}
