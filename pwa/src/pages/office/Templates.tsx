/**
 * 检查表 (/office/templates): the checklists phones offer — the county's own and the shipped
 * defaults — with their series, inspection kinds and items; a new checklist, an XLSForm import,
 * and one checklist's page (/office/templates/<id>) with its items, its version history (older
 * versions read-only), 编辑并发布新版本, 导出 XLSForm and 停用.
 */
import { useState } from 'preact/hooks';
import { getFacets, type Facets, type User } from '../../api';
import {
  getTemplate,
  listTemplates,
  retireTemplate,
  xlsformUrl,
  type TemplateSummary,
} from '../../api/templates';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/hooks';
import { Link, matchRoute, navigate } from '../../lib/router';
import { blankItem, bodyOf } from '../../lib/template-editor';
import type { TemplateData } from '../../lib/field-records';
import { ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { TemplateEditor } from '../../components/office/TemplateEditor';
import { TemplateImport } from '../../components/office/TemplateImport';
import { TemplateItems } from '../../components/office/TemplateItems';
import '../../styles/templates.css';

type Scope = Pick<TemplateData, 'county_id' | 'series_ids' | 'kinds'>;

/** "莲都区 · 系列：道路 · 回头看、随机查" — where a checklist applies. */
export function scopeText(tpl: Scope, facets: Facets | undefined): string {
  const county =
    tpl.county_id == null
      ? t('tpl.default')
      : (facets?.counties.find((c) => c.id === tpl.county_id)?.name ?? `#${tpl.county_id}`);
  const series = tpl.series_ids?.length
    ? tpl.series_ids
        .map((id) => facets?.series.find((s) => s.id === id)?.name ?? `#${id}`)
        .join('、')
    : t('tpl.any');
  const kinds = tpl.kinds?.length
    ? tpl.kinds.map((k) => t(`field.kind.${k}`)).join('、')
    : t('tpl.any');
  return t('tpl.scope', { county, series, kinds });
}

const mayEdit = (tpl: Pick<TemplateData, 'county_id'>, user: User) =>
  tpl.county_id != null || user.role === 'admin';

function Row({ tpl, facets }: { tpl: TemplateSummary; facets: Facets | undefined }) {
  return (
    <li class="card tpl-row" data-testid="tpl-row" data-id={tpl.id} data-family={tpl.family_id}>
      <Link href={`/office/templates/${tpl.id}`} class="tpl-row-link">
        <strong class="tpl-row-name">{tpl.name}</strong>{' '}
        <span class="badge" data-testid="tpl-row-version">
          {t('tpl.version', { n: tpl.version })}
        </span>
        <span class="line-meta">{scopeText(tpl, facets)}</span>
        <span class="line-meta">{t('tpl.itemCount', { n: tpl.item_count })}</span>
      </Link>
    </li>
  );
}

function TemplateList({ facets }: { facets: Facets | undefined }) {
  const list = useLoad((signal) => listTemplates({}, signal), []);
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) =>
      Number(a.county_id == null) - Number(b.county_id == null) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  return (
    <>
      <PageTitle
        actions={
          <>
            <Link href="/office/templates/new" class="btn btn-primary" data-testid="tpl-new">
              + {t('tpl.new')}
            </Link>
            <Link href="/office/templates/import" class="btn" data-testid="tpl-import-open">
              {t('tpl.import.open')}
            </Link>
          </>
        }
      >
        {t('tpl.title')}
      </PageTitle>
      <p class="hint">{t('tpl.intro')}</p>
      {list.loading && !list.data && <Loading />}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.data && !items.length && <p class="empty">{t('tpl.empty')}</p>}
      <ul class="plain-list tpl-list" data-testid="tpl-list">
        {items.map((tpl) => (
          <Row key={tpl.id} tpl={tpl} facets={facets} />
        ))}
      </ul>
    </>
  );
}

function History({ tpl }: { tpl: TemplateData }) {
  const all = useLoad((signal) => listTemplates({ includeInactive: true }, signal), [tpl.id]);
  const versions = (all.data?.items ?? [])
    .filter((v) => (v.family_id ?? v.id) === (tpl.family_id ?? tpl.id))
    .sort((a, b) => b.version - a.version);
  if (versions.length < 2) return null;
  return (
    <section class="card">
      <h2>{t('tpl.history')}</h2>
      <ol class="plain-list tpl-history" data-testid="tpl-history">
        {versions.map((v) => (
          <li key={v.id} data-testid="tpl-history-row" data-version={v.version}>
            {v.id === tpl.id ? (
              <strong>{t('tpl.version', { n: v.version })}</strong>
            ) : (
              <Link href={`/office/templates/${v.id}`}>{t('tpl.version', { n: v.version })}</Link>
            )}{' '}
            <span class="muted">
              {v.published_at ? formatDateTime(v.published_at) : ''}
              {v.active ? ` · ${t('tpl.current')}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function TemplatePage({
  id,
  user,
  facets,
}: {
  id: string;
  user: User;
  facets: Facets | undefined;
}) {
  const loaded = useLoad((signal) => getTemplate(id, signal), [id]);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tpl = loaded.data;
  if (!tpl) return loaded.error ? <ErrorBanner error={loaded.error} /> : <Loading />;
  const editable = tpl.active && mayEdit(tpl, user);
  const retire = async () => {
    if (!window.confirm(t('tpl.retireConfirm', { name: tpl.name }))) return;
    try {
      await retireTemplate(tpl.id);
      navigate('/office/templates');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div data-testid="tpl-page" data-version={tpl.version} data-active={String(tpl.active)}>
      <p>
        <Link href="/office/templates" class="back-link">
          ← {t('tpl.back')}
        </Link>
      </p>
      <PageTitle
        actions={
          <a href={xlsformUrl(tpl.id)} class="btn" download data-testid="tpl-export">
            {t('tpl.export')}
          </a>
        }
      >
        {tpl.name} <small data-testid="tpl-version">{t('tpl.version', { n: tpl.version })}</small>
      </PageTitle>
      <p class="line-meta">{scopeText(tpl, facets)}</p>
      {!tpl.active && (
        <p class="alert alert-info" data-testid="tpl-readonly">
          {t('tpl.oldVersion')}
        </p>
      )}
      <ErrorBanner error={error} />
      {editing ? (
        <TemplateEditor
          start={bodyOf(tpl)}
          base={tpl}
          facets={facets}
          isAdmin={user.role === 'admin'}
          onCancel={() => setEditing(false)}
          onPublished={(next) => navigate(`/office/templates/${next.id}`)}
        />
      ) : (
        <>
          {editable && (
            <div class="tpl-actions">
              <button
                type="button"
                class="btn btn-primary"
                data-testid="tpl-edit"
                onClick={() => setEditing(true)}
              >
                {t('tpl.edit.open')}
              </button>
              <button type="button" class="btn btn-danger" onClick={() => void retire()}>
                {t('tpl.retire')}
              </button>
            </div>
          )}
          {tpl.active && !mayEdit(tpl, user) && <p class="hint">{t('tpl.defaultReadOnly')}</p>}
          <TemplateItems items={[...tpl.items].sort((a, b) => a.position - b.position)} />
        </>
      )}
      <History tpl={tpl} />
    </div>
  );
}

export function Templates({ path, user }: { path: string; user: User }) {
  const facets = useLoad((signal) => getFacets(signal), []).data;
  const isAdmin = user.role === 'admin';
  let body;
  if (matchRoute('/office/templates/new', path)) {
    const start = {
      name: '',
      county_id: isAdmin ? null : (facets?.counties[0]?.id ?? null),
      series_ids: [],
      kinds: [],
      items: [blankItem()],
    };
    body = facets ? (
      <>
        <PageTitle>{t('tpl.new')}</PageTitle>
        <TemplateEditor
          start={start}
          base={null}
          facets={facets}
          isAdmin={isAdmin}
          onCancel={() => navigate('/office/templates')}
          onPublished={(tpl) => navigate(`/office/templates/${tpl.id}`)}
        />
      </>
    ) : (
      <Loading />
    );
  } else if (matchRoute('/office/templates/import', path)) {
    body = (
      <TemplateImport
        facets={facets}
        isAdmin={isAdmin}
        onCancel={() => navigate('/office/templates')}
        onImported={(tpl) => navigate(`/office/templates/${tpl.id}`)}
      />
    );
  } else {
    const one = matchRoute('/office/templates/:id', path);
    body = one ? (
      <TemplatePage key={one.id} id={one.id!} user={user} facets={facets} />
    ) : (
      <TemplateList facets={facets} />
    );
  }
  return (
    <section class="page tpl-page-wrap" data-testid="templates-page">
      {body}
    </section>
  );
}
