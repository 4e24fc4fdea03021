/**
 * The office's bulletin (督查通报, /office/bulletin): pick a period and an area (kept in the URL),
 * see the figures as tables, download the same period as PDF or XLSX, or draft a bulletin of it
 * (起草通报, opens /office/bulletins/<id>); the drafted and published bulletins are listed below.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { getFacets } from '../../api';
import {
  bulletinFileUrl,
  createBulletinDraft,
  getBulletin,
  type BulletinQuery,
} from '../../api/bulletin';
import { t } from '../../i18n';
import {
  officeToday,
  periodRange,
  readChoice,
  writeChoice,
  type PeriodChoice,
} from '../../lib/bulletin-period';
import { useLoad } from '../../lib/hooks';
import { navigate } from '../../lib/router';
import { ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { BulletinList } from '../../components/office/BulletinList';
import { BulletinPeriodForm } from '../../components/office/BulletinPeriodForm';
import { BulletinTables } from '../../components/office/BulletinTables';
import '../../styles/bulletin.css';

/**
 * 起草通报: a draft of the chosen period and county, opened once made; the server's message if not.
 */
function DraftButton({ query }: { query: BulletinQuery }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function draft() {
    setBusy(true);
    setError(null);
    try {
      const record = await createBulletinDraft(query);
      navigate(`/office/bulletins/${record.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <div class="bulletin-draft-action">
      <button
        type="button"
        class="btn btn-primary"
        disabled={busy}
        onClick={() => void draft()}
        data-testid="bulletin-draft"
      >
        {busy ? t('bulletin.draft.creating') : t('bulletin.draft.create')}
      </button>
      <ErrorBanner error={error} testid="bulletin-draft-error" />
    </div>
  );
}

export function Bulletin({ search }: { search: string }) {
  const today = useMemo(() => officeToday(), []);
  const choice = useMemo(() => readChoice(search, today), [search, today]);
  const choiceRef = useRef(choice);
  choiceRef.current = choice;
  const range = periodRange(choice, today);
  const query: BulletinQuery | null = range.ok
    ? { from: range.from, to: range.to, county: choice.county }
    : null;
  const queryKey = query ? `${query.from}/${query.to}/${query.county}` : '';

  const facets = useLoad((signal) => getFacets(signal), []);
  const bulletin = useLoad(
    (signal) => (query ? getBulletin(query, signal) : Promise.resolve(undefined)),
    [queryKey],
  );

  function change(patch: Partial<PeriodChoice>) {
    navigate('/office/bulletin' + writeChoice({ ...choiceRef.current, ...patch }, today), {
      replace: true,
    });
  }

  const data = query ? bulletin.data : undefined;
  const shown = data && data.from === query?.from && data.to === query?.to;
  return (
    <section class="page bulletin-page" data-testid="bulletin-page">
      <PageTitle
        actions={
          query && (
            <>
              <a
                class="btn"
                href={bulletinFileUrl(query, 'pdf')}
                download
                data-testid="bulletin-pdf"
              >
                {t('bulletin.pdf')}
              </a>
              <a
                class="btn"
                href={bulletinFileUrl(query, 'xlsx')}
                download
                data-testid="bulletin-xlsx"
              >
                {t('bulletin.xlsx')}
              </a>
            </>
          )
        }
      >
        {t('bulletin.title')}
      </PageTitle>
      <p class="hint">{t('bulletin.intro')}</p>
      <BulletinPeriodForm
        choice={choice}
        today={today}
        counties={facets.data?.counties ?? []}
        onChange={change}
      />
      {range.ok ? (
        <p class="bulletin-range" data-testid="bulletin-range">
          {t('bulletin.range', { from: range.from, to: range.to })}
          {range.cut && <span class="muted"> {t('bulletin.cut', { to: range.to })}</span>}
        </p>
      ) : (
        <p class="alert alert-info" data-testid="bulletin-no-period">
          {t(`bulletin.reason.${range.reason}`)}
        </p>
      )}
      {query && <DraftButton query={query} />}
      <ErrorBanner error={bulletin.error} onRetry={bulletin.reload} />
      {query && !data && bulletin.loading && <Loading />}
      {data && (
        <div
          class={`results${bulletin.loading || !shown ? ' is-loading' : ''}`}
          data-testid="bulletin-figures"
          data-ready={shown && !bulletin.loading ? 'yes' : 'no'}
        >
          <h2 class="bulletin-doc-title" data-testid="bulletin-doc-title">
            {data.title}
          </h2>
          <p class="muted">{t('bulletin.basis')}</p>
          <BulletinTables bulletin={data} />
        </div>
      )}
      <BulletinList />
    </section>
  );
}
