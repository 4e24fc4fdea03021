/**
 * The header: one compact sticky row (logo, the user, sync state, bell, a menu with language and
 * logout; on a wide screen the menu's items sit in the row), then the navigation as tabs that
 * scroll sideways with a fade at the edge that has more (components/NavTabs), then the banners.
 * Its height goes to the CSS variable --header-h, so sticky bars below it (the sync bar) sit
 * under it instead of over it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../api';
import { getLang, setLang, t } from '../i18n';
import { canManageLedger, canManageUsers, canReview, fieldHome, landingFor } from '../lib/roles';
import { Link } from '../lib/router';
import { useOnline } from '../lib/offline-session';
import { OfflineBadge, UpdateBanner } from './UpdateBanner';
import { StorageWarning } from './StorageWarning';
import { NotificationBell } from './NotificationBell';
import { NavTabs, type NavLink } from './NavTabs';
import { HeaderSync } from './HeaderSync';

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
  locked = false,
}: {
  user: User | null;
  path: string;
  onLogout?: () => void;
  /** The user must change a one-time password first: no navigation, no notifications. */
  locked?: boolean;
  /** The app started without its server: 离线 even while the browser thinks it is online. */
  offline?: boolean;
}) {
  const online = useOnline();
  // `also`: other paths under the same tab (a bulletin's page, the map reached from the dashboard)
  const links: NavLink[] =
    user && !locked
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
  const header = useRef<HTMLElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  useHeaderHeight(header);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.type === 'pointerdown' && header.current?.contains(e.target as Node)) return;
      setMenuOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menuOpen]);
  return (
    <>
      <header class="app-header" ref={header} data-testid="app-header">
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
            {user && !locked && <HeaderSync />}
            {user && !locked && <NotificationBell path={path} />}
            <button
              type="button"
              class="btn btn-header header-menu-btn"
              aria-expanded={menuOpen}
              aria-controls="header-menu"
              aria-label={t('header.menu')}
              title={t('header.menu')}
              data-testid="header-menu"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
              </svg>
            </button>
            <div
              id="header-menu"
              class="header-menu-panel"
              hidden={!menuOpen}
              data-testid="header-menu-panel"
            >
              <LangSwitch />
              {user && onLogout && (
                <button
                  type="button"
                  class="btn btn-header"
                  data-testid="logout"
                  onClick={onLogout}
                >
                  {t('header.logout')}
                </button>
              )}
            </div>
          </div>
        </div>
      </header>
      {links.some((l) => l.show) && <NavTabs links={links.filter((l) => l.show)} path={path} />}
      <UpdateBanner />
      {user && path !== '/settings' && <StorageWarning />}
    </>
  );
}

/** Keep --header-h (on <html>) equal to the header's height as it changes. */
function useHeaderHeight(ref: { current: HTMLElement | null }) {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const set = () =>
      document.documentElement.style.setProperty('--header-h', `${el.offsetHeight}px`);
    set();
    if (typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(set);
    watch.observe(el);
    return () => watch.disconnect();
  }, [ref]);
}
