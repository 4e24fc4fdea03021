/**
 * Checklist templates the office designs (issue 13, server/inspections routes of the contract):
 * the list, one version with its items, publishing version 1 or a new version, retiring, the
 * XLSForm import (dry run first) and export.
 */
import { api } from './index';
import type { ChecklistItem, TemplateData } from '../lib/field-records';

export interface TemplateSummary extends Omit<TemplateData, 'items'> {
  item_count: number;
  published_by?: { id: number; display_name: string } | null;
}

/** One item as the editor sends it (the server gives ids and positions). */
export type ItemDraft = Omit<ChecklistItem, 'id' | 'position'>;

export interface TemplateBody {
  name: string;
  county_id: number | null;
  series_ids: number[];
  kinds: string[];
  category?: string;
  items: ItemDraft[];
}

export interface RefusedRow {
  sheet: string;
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportPreview {
  items: ItemDraft[];
  ignored: RefusedRow[];
}

export function listTemplates(
  opts: { countyId?: number | null; includeInactive?: boolean } = {},
  signal?: AbortSignal,
): Promise<{ items: TemplateSummary[] }> {
  return api.get<{ items: TemplateSummary[] }>('/templates', {
    query: {
      county_id: opts.countyId ?? undefined,
      include_inactive: opts.includeInactive ? 1 : 0,
    },
    signal,
  });
}

export function getTemplate(id: string, signal?: AbortSignal): Promise<TemplateData> {
  return api.get<TemplateData>(`/templates/${encodeURIComponent(id)}`, { signal });
}

export function createTemplate(body: TemplateBody): Promise<TemplateData> {
  return api.post<TemplateData>('/templates', body);
}

/** A new version of the family whose newest version is `id`. */
export function publishVersion(id: string, body: TemplateBody): Promise<TemplateData> {
  return api.post<TemplateData>(`/templates/${encodeURIComponent(id)}/versions`, body);
}

export function retireTemplate(id: string): Promise<TemplateData> {
  return api.post<TemplateData>(`/templates/${encodeURIComponent(id)}/retire`);
}

export const xlsformUrl = (id: string): string =>
  api.url(`/templates/${encodeURIComponent(id)}/xlsform`);

export function importXlsform(
  file: File,
  fields: { countyId: number | null; seriesIds: number[]; kinds: string[]; name?: string },
  dryRun: boolean,
): Promise<ImportPreview | TemplateData> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (fields.countyId != null) form.append('county_id', String(fields.countyId));
  // comma-separated in a multipart form (server XlsFormFormSchema)
  if (fields.seriesIds.length) form.append('series_ids', fields.seriesIds.join(','));
  if (fields.kinds.length) form.append('kinds', fields.kinds.join(','));
  if (fields.name) form.append('name', fields.name);
  return api.upload('/templates/import-xlsform', form, {
    query: dryRun ? { dry_run: 1 } : undefined,
  });
}

/** The refused rows of a 422 `xlsform_refused` (empty for any other error). */
export function refusedRows(err: unknown): RefusedRow[] {
  const body = (err as { body?: unknown } | null)?.body as { rows?: unknown } | undefined;
  return Array.isArray(body?.rows) ? (body.rows as RefusedRow[]) : [];
}
