/** The header bar: app name, navigation, the user's name and role, language switch, logout. */
import type { User } from '../api';
import { getLang, setLang, t } from '../i18n';
import { canManageLedger, canManageUsers, canReview, fieldHome, landingFor } from '../lib/roles';
import { Link } from '../lib/router';
import { useOnline } from '../lib/offline-session';
import { OfflineBadge, UpdateBanner } from './UpdateBanner';
import { StorageWarning } from './StorageWarning';
import { NotificationBell } from './NotificationBell';

/** The app icon's glyph (magnifier with a tick), drawn inline so the header needs no request. */
function Logo() {
  return (
    <svg class="logo" viewBox="90 90 320 320" width="28" height="28" aria-hidden="true">
      <g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">
        <circle cx="225.3" cy="225.3" r="102.4" stroke-width="38.4" />
        <line x1="299.5" y1="299.5" x2="368.6" y2="368.6" stroke-width="51.2" />
        <polyline points="181.8,227.8 217.6,263.7 279,192" stroke-width="30.7" />
      </g>
    </svg>
  );
}

export function LangSwitch() {
  const next = getLang() === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      class="btn btn-header"
      data-testid="lang-switch"
      lang={next}
      title={t('header.langTitle')}
      onClick={() => setLang(next)}
    >
      {t('header.lang')}
    </button>
  );
}

export function Header({
  user,
  path,
  onLogout,
  offline = false,
}: {
  user: User | null;
  path: string;
  onLogout?: () => void;
  /** The app started without its server: 离线 even while the browser thinks it is online. */
  offline?: boolean;
}) {
  const online = useOnline();
  // `also`: other paths under the same tab (a bulletin's page, the map reached from the dashboard)
  const links: { href: string; label: string; show: boolean; testid: string; also?: string[] }[] =
    user
      ? [
          // the field screen of the role first (lib/roles.ts fieldHome)
          ...(fieldHome(user)
            ? [
                {
                  href: fieldHome(user)!,
                  label: t(`field.nav.${user.role}`),
                  show: true,
                  testid: 'nav-field',
                },
              ]
            : []),
          { href: '/projects', label: t('nav.projects'), show: true, testid: 'nav-projects' },
          {
            href: '/office/review',
            label: t('nav.review'),
            show: canReview(user),
            testid: 'nav-review',
          },
          {
            href: '/office/issues',
            label: t('nav.issues'),
            show: canReview(user),
            testid: 'nav-issues',
          },
          {
            href: '/office/reports',
            label: t('nav.reports'),
            show: canReview(user),
            testid: 'nav-reports',
          },
          {
            href: '/office/bulletin',
            label: t('nav.bulletin'),
            show: canReview(user),
            testid: 'nav-bulletin',
            also: ['/office/bulletins'],
          },
          {
            href: '/office/dashboard',
            label: t('nav.dashboard'),
            show: canReview(user),
            testid: 'nav-dashboard',
            also: ['/office/map'],
          },
          {
            href: '/office/plans',
            label: t('nav.plans'),
            show: canReview(user),
            testid: 'nav-plans',
          },
          {
            href: '/office/templates',
            label: t('nav.templates'),
            show: canReview(user),
            testid: 'nav-templates',
          },
          {
            href: '/import',
            label: t('nav.import'),
            show: canManageLedger(user),
            testid: 'nav-import',
          },
          {
            href: '/users',
            label: t('nav.users'),
            show: canManageUsers(user),
            testid: 'nav-users',
          },
          {
            href: '/admin/regions',
            label: t('nav.regions'),
            show: canManageUsers(user),
            testid: 'nav-regions',
          },
          { href: '/settings', label: t('nav.settings'), show: true, testid: 'nav-settings' },
        ]
      : [];
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <div class="header-row">
        <Link href={user ? landingFor(user) : '/login'} class="app-name">
          <Logo />
          <span class="app-name-long">{t('app.name')}</span>
          <span class="app-name-short">{t('app.short')}</span>
        </Link>
        <div class="header-tools">
          {(offline || !online) && <OfflineBadge />}
          {user && (
            <span class="who" data-testid="current-user">
              <span class="who-name">{user.display_name || user.username}</span>
              <span class="who-role">{user.role_label || t(`role.${user.role}`)}</span>
            </span>
          )}
          {user && <NotificationBell path={path} />}
          <LangSwitch />
          {user && onLogout && (
            <button type="button" class="btn btn-header" data-testid="logout" onClick={onLogout}>
              {t('header.logout')}
            </button>
          )}
        </div>
      </div>
      {links.some((l) => l.show) && (
        <nav class="app-nav" aria-label={t('nav.main')}>
          {links
            .filter((l) => l.show)
            .map((l) => {
              const active = [l.href, ...(l.also ?? [])].some(
                (href) => path === href || path.startsWith(href + '/'),
              );
              return (
                <Link
                  key={l.href}
                  href={l.href}
                  class={active ? 'active' : undefined}
                  aria-current={active ? 'page' : undefined}
                  data-testid={l.testid}
                >
                  {l.label}
                </Link>
              );
            })}
        </nav>
      )}
      <UpdateBanner />
      {user && path !== '/settings' && <StorageWarning />}
    </header>
  );
}
