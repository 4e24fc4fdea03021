/**
 * Pages loaded on first visit by dynamic import(), so the phone's app shell carries only what
 * the field screens need; the office's pages come in their own chunks.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Loading } from '../components/ui';

/** A component that loads ``load()`` once, shows a spinner meanwhile and a retry if it fails. */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Page) return;
      let live = true;
      setFailed(false);
      load().then(
        (component) => {
          loaded = component;
          if (live) setPage(() => component);
        },
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [attempt]);
    if (Page) return <Page {...props} />;
    if (failed) {
      return (
        <section class="page">
          <p class="alert alert-error" role="alert" data-testid="lazy-failed">
            {t('common.loadFailed')}
          </p>
          <button type="button" class="btn" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </section>
      );
    }
    return <Loading />;
  };
}
