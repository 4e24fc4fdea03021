/**
 * 导入台账: pick the county and a file, preview (dry run) with upload progress, see the row
 * errors, and import only when the preview is clean. Nothing is written while there are errors.
 */
import { useState } from 'preact/hooks';
import {
  ApiError,
  getFacets,
  importLedger,
  importTemplateUrl,
  type Facets,
  type ImportResult,
} from '../api';
import { t } from '../i18n';
import { useLoad } from '../lib/hooks';
import { Link } from '../lib/router';
import { ErrorBanner, errorMessage, Field, Loading, PageTitle, TableHead } from '../components/ui';
import { idChoices, SelectField, type Choice } from '../components/form';

type Phase = 'idle' | 'uploading' | 'processing';

/** An import's 422 carries the same body as a preview: read it back as a result. */
function resultFromError(err: unknown): ImportResult | null {
  if (!(err instanceof ApiError)) return null;
  const body = err.body as Partial<ImportResult> | null;
  if (body && typeof body === 'object' && Array.isArray(body.errors)) {
    return {
      created: body.created ?? 0,
      updated: body.updated ?? 0,
      unchanged: body.unchanged ?? 0,
      errors: body.errors,
      dry_run: body.dry_run ?? false,
    };
  }
  return null;
}

/** Last year, this year and next: the batches an office imports into. */
function batchYears(): Choice[] {
  const now = new Date().getFullYear();
  return [now - 1, now, now + 1].map((y) => ({ value: String(y), label: `${y}年` }));
}

export function Import() {
  const facets = useLoad<Facets>((signal) => getFacets(signal), []);
  const counties = facets.data?.counties ?? [];
  const [countyId, setCountyId] = useState<string>('');
  const [year, setYear] = useState<string>(''); // '' : from the file, or the code's batch
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [pct, setPct] = useState(0);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Bumped to clear the file input after a successful import. */
  const [fileKey, setFileKey] = useState(0);

  /** With one county there is nothing to choose. */
  const county = countyId || (counties.length === 1 ? String(counties[0]!.id) : '');

  const reset = () => {
    setPreview(null);
    setDone(null);
    setError(null);
  };

  async function run(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setDone(null);
    if (dryRun) setPreview(null);
    setPhase('uploading');
    setPct(0);
    try {
      const result = await importLedger(file, Number(county), dryRun, {
        year: year ? Number(year) : null,
        onProgress: (loaded, total) => {
          const p = total ? Math.round((loaded / total) * 100) : 0;
          setPct(p);
          if (p >= 100) setPhase('processing');
        },
      });
      if (dryRun) setPreview(result);
      else {
        setDone(result);
        setPreview(null);
        setFile(null);
        setFileKey((k) => k + 1);
      }
    } catch (err) {
      const asResult = resultFromError(err);
      if (asResult) {
        if (dryRun) setPreview(asResult);
        else {
          setDone(asResult);
          setPreview(null);
        }
      } else setError(err);
    } finally {
      setPhase('idle');
    }
  }

  const busy = phase !== 'idle';
  const canPreview = !!file && !!county && !busy;
  const canConfirm = !!preview && preview.errors.length === 0 && !!file && !busy;
  const shown = done ?? preview;

  return (
    <section class="page">
      <PageTitle
        actions={
          <a href={importTemplateUrl()} class="btn" download data-testid="import-template">
            {t('import.template')}
          </a>
        }
      >
        {t('import.title')}
      </PageTitle>
      {facets.loading && !facets.data && <Loading />}
      <ErrorBanner error={facets.error} onRetry={facets.reload} />
      {facets.data && counties.length === 0 && (
        <p class="alert alert-info">{t('import.noCounty')}</p>
      )}

      <form
        class="card form-stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (canPreview) void run(true);
        }}
      >
        {counties.length > 1 && (
          <SelectField
            id="import-county"
            label={t('import.county')}
            testid="import-county"
            value={county}
            disabled={busy}
            onValue={(value) => {
              setCountyId(value);
              reset();
            }}
            empty={t('import.chooseCounty')}
            options={idChoices(counties)}
          />
        )}
        {counties.length === 1 && (
          <p class="muted" data-testid="import-county-fixed">
            {t('import.countyFixed', { name: counties[0]!.name })}
          </p>
        )}
        <SelectField
          id="import-year"
          label={t('import.year')}
          testid="import-year"
          value={year}
          disabled={busy}
          onValue={(value) => {
            setYear(value);
            reset();
          }}
          empty={t('import.yearAuto')}
          options={batchYears()}
        />
        {year && <p class="hint">{t('import.yearHint')}</p>}
        <Field id="import-file" label={t('import.file')}>
          <input
            key={fileKey}
            id="import-file"
            type="file"
            data-testid="import-file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled={busy}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
        </Field>

        {busy && (
          <div class="upload-progress" data-testid="import-progress" role="status">
            <progress max={100} value={phase === 'processing' ? undefined : pct} />
            <span>
              {phase === 'processing' ? t('import.processing') : t('import.uploading', { pct })}
            </span>
          </div>
        )}

        <div class="form-actions">
          <button type="submit" class="btn" disabled={!canPreview} data-testid="import-preview">
            {t('import.preview')}
          </button>
          <button
            type="button"
            class="btn btn-primary"
            disabled={!canConfirm}
            title={canConfirm ? undefined : t('import.confirmHint')}
            data-testid="import-confirm"
            onClick={() => void run(false)}
          >
            {t('import.confirm')}
          </button>
        </div>
      </form>

      <ErrorBanner error={error ? errorMessage(error) : null} testid="import-error" />

      {shown && (
        <section
          class="card"
          data-testid="import-result"
          data-dry-run={String(shown.dry_run)}
          data-errors={shown.errors.length}
        >
          <p class={`alert ${shown.errors.length ? 'alert-error' : 'alert-ok'}`} role="status">
            {shown.errors.length
              ? done
                ? t('import.failed', { n: shown.errors.length })
                : t('import.hasErrors', { n: shown.errors.length })
              : t(done ? 'import.doneResult' : 'import.previewResult', {
                  created: shown.created,
                  updated: shown.updated,
                  unchanged: shown.unchanged ?? 0,
                })}
          </p>
          {!done && shown.errors.length === 0 && <p class="muted">{t('import.noErrors')}</p>}
          {done && done.errors.length === 0 && (
            <p>
              <Link href="/projects">{t('import.toList')}</Link>
            </p>
          )}
          {shown.errors.length > 0 && (
            <div class="table-wrap">
              <table class="table" data-testid="import-errors">
                <TableHead
                  columns={[
                    { label: t('import.row'), class: 'num' },
                    t('import.column'),
                    t('import.problem'),
                  ]}
                />
                <tbody>
                  {shown.errors.map((er, i) => (
                    <tr key={i} data-testid="import-error-row">
                      <td class="num">{er.row ?? '—'}</td>
                      <td>{er.column ?? '—'}</td>
                      <td>{er.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
