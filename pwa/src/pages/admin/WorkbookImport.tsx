/**
 * An XLSX import in two steps: the template to download, a file, 预览 (dry run: what would
 * change, or its errors by sheet, row and column), then 确认导入 — only after a clean preview.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { RowError } from '../../api/admin';
import { t } from '../../i18n';
import { ErrorBanner } from '../../components/ui';

export function WorkbookImport<R extends { errors: RowError[] }>({
  testid,
  title,
  hint,
  templateUrl,
  send,
  summary,
  submitLabel,
}: {
  testid: string;
  title: string;
  hint: string;
  templateUrl: string;
  send: (file: File, dryRun: boolean) => Promise<R>;
  /** What a clean answer says (preview or done). */
  summary: (result: R) => ComponentChildren;
  submitLabel?: string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [previewed, setPreviewed] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) {
      setError(t('admin.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await send(file, dryRun);
      setResult(answer);
      setPreviewed(dryRun && answer.errors.length === 0);
    } catch (err) {
      setError(err);
      setResult(null);
      setPreviewed(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card admin-import" data-testid={testid}>
      <h2>{title}</h2>
      <p class="hint">{hint}</p>
      <p>
        <a href={templateUrl} class="btn" download data-testid={`${testid}-template`}>
          {t('admin.template')}
        </a>
      </p>
      <label class="field">
        <span>{t('admin.file')}</span>
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid={`${testid}-file`}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setResult(null);
            setPreviewed(false);
          }}
        />
      </label>
      <div class="form-actions admin-actions">
        <button
          type="button"
          class="btn"
          disabled={busy}
          data-testid={`${testid}-preview`}
          onClick={() => void run(true)}
        >
          {t('admin.preview')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy || !previewed}
          data-testid={`${testid}-submit`}
          onClick={() => void run(false)}
        >
          {submitLabel ?? t('admin.doImport')}
        </button>
      </div>
      <ErrorBanner error={error} testid={`${testid}-error`} />
      {result && result.errors.length > 0 && <RowErrors errors={result.errors} testid={testid} />}
      {result && result.errors.length === 0 && (
        <div class="alert alert-success" role="status" data-testid={`${testid}-result`}>
          {summary(result)}
        </div>
      )}
    </section>
  );
}

export function RowErrors({ errors, testid }: { errors: RowError[]; testid: string }) {
  const sheets = errors.some((e) => e.sheet);
  return (
    <div data-testid={`${testid}-errors`}>
      <p class="alert alert-error" role="alert">
        {t('admin.hasErrors', { n: errors.length })}
      </p>
      <div class="table-wrap">
        <table class="table admin-errors">
          <thead>
            <tr>
              {sheets && <th>{t('admin.sheet')}</th>}
              <th>{t('admin.row')}</th>
              <th>{t('admin.column')}</th>
              <th>{t('admin.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} data-testid={`${testid}-error-row`}>
                {sheets && <td>{e.sheet ?? '—'}</td>}
                <td>{e.row}</td>
                <td>{e.column ?? '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
