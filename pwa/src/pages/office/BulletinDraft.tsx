/**
 * One bulletin of the office (/office/bulletins/<id>): its figures (as of now for a draft, frozen
 * once published), the office's paragraphs to edit and save, and 发布 — which numbers it
 * (督通〔年〕N号), freezes it and links its PDF and XLSX.
 */
import { useState } from 'preact/hooks';
import {
  bulletinRecordFileUrl,
  getBulletinRecord,
  publishBulletin,
  saveBulletinDraft,
  type BulletinParagraphs as Paragraphs,
  type BulletinRecordDetail,
} from '../../api/bulletin';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { ErrorBanner, Loading, PageTitle, SuccessBanner } from '../../components/ui';
import { BulletinParagraphs } from '../../components/office/BulletinParagraphs';
import { BulletinTables } from '../../components/office/BulletinTables';
import '../../styles/bulletin.css';

function FileLinks({ id }: { id: number }) {
  return (
    <>
      <a
        class="btn"
        href={bulletinRecordFileUrl(id, 'pdf')}
        download
        data-testid="bulletin-record-pdf"
      >
        {t('bulletin.draft.pdf')}
      </a>
      <a
        class="btn"
        href={bulletinRecordFileUrl(id, 'xlsx')}
        download
        data-testid="bulletin-record-xlsx"
      >
        {t('bulletin.draft.xlsx')}
      </a>
    </>
  );
}

export function BulletinDraft({ id }: { id: string }) {
  const loaded = useLoad((signal) => getBulletinRecord(id, signal), [id]);
  const [changed, setChanged] = useState<BulletinRecordDetail | null>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [justPublished, setJustPublished] = useState(false);
  const bulletin = changed ?? loaded.data;

  async function run(kind: 'save' | 'publish', request: () => Promise<void>): Promise<boolean> {
    setBusy(kind);
    setError(null);
    try {
      await request();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(null);
    }
  }

  const save = (current: BulletinRecordDetail, paragraphs: Paragraphs) =>
    run('save', async () => {
      const record = await saveBulletinDraft(current.id, paragraphs);
      setChanged({ ...current, ...record });
    });

  const publish = (current: BulletinRecordDetail, paragraphs: Paragraphs, edited: boolean) =>
    run('publish', async () => {
      if (edited) await saveBulletinDraft(current.id, paragraphs);
      setChanged(await publishBulletin(current.id));
      setJustPublished(true);
    });

  if (!bulletin) {
    return (
      <section class="page bulletin-page" data-testid="bulletin-draft-page">
        <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
        {loaded.loading && <Loading />}
      </section>
    );
  }
  const published = bulletin.status === 'published';
  return (
    <section
      class="page bulletin-page"
      data-testid="bulletin-draft-page"
      data-status={bulletin.status}
    >
      <p class="bulletin-back">
        <Link href="/office/bulletin" data-testid="bulletin-back">
          {t('bulletin.draft.back')}
        </Link>
      </p>
      <PageTitle actions={<FileLinks id={bulletin.id} />}>
        {published ? (
          <span data-testid="bulletin-code">{bulletin.code}</span>
        ) : (
          t('bulletin.draft.title')
        )}
      </PageTitle>
      <p class="bulletin-record-meta">
        <span class={`badge bulletin-status-${bulletin.status}`} data-testid="bulletin-status">
          {t(`bulletin.draft.status.${bulletin.status}`)}
        </span>{' '}
        <span data-testid="bulletin-record-period">
          {t('bulletin.draft.period', {
            region: bulletin.region.name,
            from: bulletin.from,
            to: bulletin.to,
          })}
        </span>
      </p>
      {justPublished && published && (
        <SuccessBanner testid="bulletin-published">
          {t('bulletin.draft.published', { code: bulletin.code ?? '' })}
        </SuccessBanner>
      )}
      <ErrorBanner error={error} testid="bulletin-error" />
      <BulletinParagraphs
        key={bulletin.status}
        paragraphs={bulletin}
        published={published}
        busy={busy}
        onSave={(paragraphs) => save(bulletin, paragraphs)}
        onPublish={(paragraphs, edited) => publish(bulletin, paragraphs, edited)}
      />
      <div class="results" data-testid="bulletin-record-figures">
        <h2 class="bulletin-doc-title" data-testid="bulletin-doc-title">
          {bulletin.figures.title}
        </h2>
        <p class="muted" data-testid="bulletin-figures-note">
          {published
            ? t('bulletin.draft.frozenFigures', { at: formatDateTime(bulletin.published_at) })
            : t('bulletin.draft.liveFigures')}
        </p>
        <BulletinTables bulletin={bulletin.figures} />
      </div>
    </section>
  );
}
