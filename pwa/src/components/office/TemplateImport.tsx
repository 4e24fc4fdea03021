/** 导入 XLSForm: pick the file (ODK / KoboToolbox layout), 预览 (a dry run: the items it maps
 * to, or every refused row in Chinese), then 导入 (all or nothing). */
import { useState } from 'preact/hooks';
import type { Facets } from '../../api';
import {
  importXlsform,
  refusedRows,
  type ImportPreview,
  type RefusedRow,
} from '../../api/templates';
import { t } from '../../i18n';
import type { TemplateData } from '../../lib/field-records';
import { ErrorBanner } from '../ui';
import { TemplateItems } from './TemplateItems';

function Refused({ rows }: { rows: RefusedRow[] }) {
  return (
    <div class="alert alert-error" role="alert" data-testid="tpl-import-refused">
      <p>{t('tpl.import.refused', { n: rows.length })}</p>
      <ul class="tpl-refused">
        {rows.map((r, i) => (
          <li
            key={i}
            data-testid="tpl-import-refused-row"
            data-row={r.row ?? ''}
            data-column={r.column ?? ''}
          >
            {/* the server's message says where: 『survey』工作表第 7 行 … */}
            {r.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TemplateImport({
  facets,
  isAdmin,
  onImported,
  onCancel,
}: {
  facets: Facets | undefined;
  isAdmin: boolean;
  onImported: (tpl: TemplateData) => void;
  onCancel: () => void;
}) {
  const counties = facets?.counties ?? [];
  const [file, setFile] = useState<File | null>(null);
  const [countyId, setCountyId] = useState<number | null>(
    isAdmin ? null : (counties[0]?.id ?? null),
  );
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [rows, setRows] = useState<RefusedRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const county = countyId ?? (isAdmin ? null : (counties[0]?.id ?? null));

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setRows([]);
    try {
      const result = await importXlsform(
        file,
        { countyId: county, seriesIds: [], kinds: [] },
        dryRun,
      );
      if (dryRun) setPreview(result as ImportPreview);
      else onImported(result as TemplateData);
    } catch (err) {
      const refused = refusedRows(err);
      setPreview(null);
      if (refused.length) setRows(refused);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card tpl-import" data-testid="tpl-import">
      <h2>{t('tpl.import.title')}</h2>
      <p class="hint">{t('tpl.import.help')}</p>
      <label class="tpl-field">
        <span>{t('tpl.import.file')}</span>
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="tpl-import-file"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setPreview(null);
            setRows([]);
          }}
        />
      </label>
      <label class="tpl-field">
        <span>{t('tpl.edit.county')}</span>
        <select
          value={county === null ? '' : String(county)}
          data-testid="tpl-import-county"
          onChange={(e) =>
            setCountyId(e.currentTarget.value ? Number(e.currentTarget.value) : null)
          }
        >
          {isAdmin && <option value="">{t('tpl.default')}</option>}
          {counties.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <div class="tpl-actions">
        <button
          type="button"
          class="btn"
          disabled={!file || busy}
          data-testid="tpl-import-preview"
          onClick={() => void send(true)}
        >
          {t('tpl.import.preview')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          disabled={!file || busy || !preview}
          data-testid="tpl-import-go"
          onClick={() => void send(false)}
        >
          {t('tpl.import.go')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorBanner error={error} testid="tpl-import-error" />
      {rows.length > 0 && <Refused rows={rows} />}
      {preview && (
        <>
          <p data-testid="tpl-import-count">{t('tpl.import.items', { n: preview.items.length })}</p>
          <TemplateItems items={preview.items} testid="tpl-import-items" />
          {preview.ignored.length > 0 && (
            <div class="alert alert-warn" data-testid="tpl-import-ignored">
              <p>{t('tpl.import.ignored', { n: preview.ignored.length })}</p>
              <ul class="tpl-refused">
                {preview.ignored.map((r, i) => (
                  <li key={i}>{r.message}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
