/** The app's API client and one typed function per endpoint it uses. */
import { acceptLanguage, t } from '../i18n';
import { ApiClient, type UploadOptions } from './client';
import type {
  Facets,
  ImportResult,
  NewProgressReport,
  NewUser,
  ProgressReport,
  ProjectDetail,
  ProjectPage,
  Session,
  UnitRef,
  User,
  UserPatch,
} from './types';
import { projectQuery, type ProjectFilters } from '../lib/filters';

export { ApiClient, ApiError } from './client';
export type * from './types';

export const api = new ApiClient({
  getLang: acceptLanguage,
  messages: {
    network: () => t('error.network'),
    server: (status) => t('error.server', { status }),
  },
});

export function login(username: string, password: string): Promise<Session> {
  return api.post<Session>(
    '/auth/login',
    { username, password },
    { authEvent: false, csrf: false },
  );
}

/** The current session, or null when not logged in (no login-required event for this probe). */
export async function me(): Promise<Session | null> {
  try {
    return await api.get<Session>('/auth/me', { authEvent: false });
  } catch (err) {
    if ((err as { status?: number }).status === 401) return null;
    throw err;
  }
}

export function logout(): Promise<null> {
  return api.post<null>('/auth/logout', undefined, { authEvent: false });
}

export function getFacets(signal?: AbortSignal): Promise<Facets> {
  return api.get<Facets>('/projects/facets', { signal });
}

export function listProjects(
  filters: ProjectFilters,
  signal?: AbortSignal,
  batchYear?: number,
): Promise<ProjectPage> {
  return api.get<ProjectPage>('/projects', {
    query: { ...projectQuery(filters), batch_year: batchYear },
    signal,
  });
}

export function exportUrl(filters: ProjectFilters, batchYear?: number): string {
  const { page: _page, per_page: _perPage, ...rest } = projectQuery(filters);
  return api.url('/projects/export', { ...rest, batch_year: batchYear });
}

export const importTemplateUrl = (): string => api.url('/projects/import-template');

export function getProject(
  id: number | string,
  asOf?: string,
  signal?: AbortSignal,
): Promise<ProjectDetail> {
  return api.get<ProjectDetail>(`/projects/${encodeURIComponent(String(id))}`, {
    query: { as_of: asOf },
    signal,
  });
}

export function addProgressReport(
  id: number | string,
  report: NewProgressReport,
): Promise<ProgressReport> {
  return api.post<ProgressReport>(
    `/projects/${encodeURIComponent(String(id))}/progress-reports`,
    report,
  );
}

export function importLedger(
  file: File,
  countyId: number | null,
  dryRun: boolean,
  opts: Omit<UploadOptions, 'query'> & { year?: number | null } = {},
): Promise<ImportResult> {
  const { year, ...upload } = opts;
  const form = new FormData();
  form.append('file', file, file.name);
  if (countyId != null) form.append('county_id', String(countyId));
  if (year) form.append('year', String(year));
  return api.upload<ImportResult>('/projects/import', form, {
    ...upload,
    query: dryRun ? { dry_run: 1 } : undefined,
  });
}

export function listUsers(): Promise<{ items: User[] }> {
  return api.get<{ items: User[] }>('/users');
}

export function createUser(user: NewUser): Promise<User> {
  return api.post<User>('/users', user);
}

export function updateUser(id: number, patch: UserPatch): Promise<User> {
  return api.patch<User>(`/users/${id}`, patch);
}

/** A unit of the office's area; for a problem's 交办 picker (`issueId`), its county's first,
 * each marked whether it may take that problem. */
export interface PickedUnit extends UnitRef {
  region_id?: number | null;
  assignable?: boolean;
}

export function listUnits(issueId?: string): Promise<{ items: PickedUnit[] }> {
  return api.get<{ items: PickedUnit[] }>('/units', {
    query: issueId ? { issue_id: issueId } : undefined,
  });
}
