/**
 * The main navigation as one row of tabs. On a phone the row scrolls sideways: a fade and an
 * arrow button at each edge that hides tabs say there is more, and the current tab is scrolled
 * into view, so no tab is out of reach without a cue.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Link } from '../lib/router';

export interface NavLink {
  href: string;
  label: string;
  show: boolean;
  testid: string;
  /** Other paths under the same tab (a bulletin's page, the map reached from the dashboard). */
  also?: string[];
}

type Edges = { start: boolean; end: boolean };

/** Which edges of ``el`` hide tabs (pure on the element's scroll figures). */
export function hiddenEdges(el: {
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
}): Edges {
  const slack = 2; // sub-pixel widths
  return {
    start: el.scrollLeft > slack,
    end: el.scrollLeft + el.clientWidth < el.scrollWidth - slack,
  };
}

export function NavTabs({ links, path }: { links: NavLink[]; path: string }) {
  const row = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ start: false, end: false });

  useEffect(() => {
    const el = row.current;
    if (!el) return;
    const update = () => setEdges(hiddenEdges(el));
    el.querySelector<HTMLElement>('[aria-current=page]')?.scrollIntoView?.({
      block: 'nearest',
      inline: 'center',
    });
    update();
    el.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      el.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [path, links.length]);

  const page = (direction: 1 | -1) => {
    const el = row.current;
    if (el) el.scrollBy({ left: direction * el.clientWidth * 0.7, behavior: 'smooth' });
  };

  return (
    <nav
      class="nav-tabs"
      aria-label={t('nav.main')}
      data-testid="main-nav"
      data-more-start={edges.start ? 'true' : 'false'}
      data-more-end={edges.end ? 'true' : 'false'}
    >
      {edges.start && (
        <button
          type="button"
          class="nav-more nav-more-start"
          aria-label={t('nav.scrollBack')}
          tabIndex={-1}
          onClick={() => page(-1)}
          data-testid="nav-more-start"
        >
          ‹
        </button>
      )}
      <div class="app-nav" ref={row}>
        {links.map((l) => {
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
      </div>
      {edges.end && (
        <button
          type="button"
          class="nav-more nav-more-end"
          aria-label={t('nav.scrollMore')}
          tabIndex={-1}
          onClick={() => page(1)}
          data-testid="nav-more-end"
        >
          ›
        </button>
      )}
    </nav>
  );
}
