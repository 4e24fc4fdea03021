/**
 * The administrator's API: the region tree, a county's units, workbook imports of regions and
 * accounts, an account's edit, password reset and devices; and anyone's own password change.
 */
import { api, ApiError } from './index';
import type { User } from './types';

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';
export const REGION_LEVELS: readonly RegionLevel[] = [
  'province',
  'city',
  'county',
  'township',
  'village',
];

export interface PersonRef {
  id: number;
  display_name: string;
}

export interface RegionNode {
  id: number;
  name: string;
  level: RegionLevel;
  code: string | null;
  children: RegionNode[];
  /** A township's active inspectors. */
  inspectors: PersonRef[];
}

export interface Region {
  id: number;
  name: string;
  level: RegionLevel;
  code: string | null;
  parent_id: number | null;
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  region_id: number | null;
  contact_person: string | null;
  contact_phone: string | null;
}

export type UnitFields = Pick<Unit, 'code' | 'name' | 'contact_person' | 'contact_phone'>;

export interface RowError {
  sheet?: string | null;
  row: number;
  column: string | null;
  message: string;
}

export interface RegionImport {
  dry_run: boolean;
  townships: string[];
  villages: string[];
  units_created: string[];
  units_updated: string[];
  errors: RowError[];
}

export interface ImportedAccount {
  row: number;
  username: string;
  display_name: string;
  role: string;
  role_label: string;
  /** The one-time password, answered this once (null in a dry run). */
  password: string | null;
}

export interface AccountImport {
  dry_run: boolean;
  created: ImportedAccount[];
  errors: RowError[];
}

export interface Device {
  id: string;
  created_at: string;
  last_push_at: string | null;
  last_pull_at: string | null;
  last_seen_at: string | null;
  last_mutation_id: number;
  rejected: number;
}

export interface AdminUser extends User {
  must_change_password?: boolean;
  last_login_at?: string | null;
  last_login_ip?: string | null;
}

export interface CreatedUser extends AdminUser {
  one_time_password?: string | null;
}

export interface OneTimePassword {
  username: string;
  password: string;
}

export function changeOwnPassword(current_password: string, new_password: string): Promise<null> {
  return api.post<null>('/auth/password', { current_password, new_password });
}

export function regionTree(): Promise<{ items: RegionNode[] }> {
  return api.get<{ items: RegionNode[] }>('/regions/tree');
}

export function createRegion(body: {
  name: string;
  level: RegionLevel;
  parent_id?: number | null;
  code?: string | null;
}): Promise<Region> {
  return api.post<Region>('/regions', body);
}

export function updateRegion(id: number, body: { name?: string; code?: string | null }) {
  return api.patch<Region>(`/regions/${id}`, body);
}

export function countyUnits(countyId: number): Promise<{ items: Unit[] }> {
  return api.get<{ items: Unit[] }>(`/regions/${countyId}/units`);
}

export function createUnit(countyId: number, body: UnitFields): Promise<Unit> {
  return api.post<Unit>(`/regions/${countyId}/units`, body);
}

export function updateUnit(id: number, body: Partial<UnitFields>): Promise<Unit> {
  return api.patch<Unit>(`/units/${id}`, body);
}

export const regionTemplateUrl = (): string => api.url('/regions/import-template');
export const accountTemplateUrl = (): string => api.url('/users/import-template');

/** An import's answer, also when refused (422 with its row errors). */
async function importAnswer<T extends { errors: RowError[] }>(sent: Promise<T>): Promise<T> {
  try {
    return await sent;
  } catch (err) {
    const body = err instanceof ApiError ? (err.body as T | null) : null;
    if (err instanceof ApiError && err.status === 422 && Array.isArray(body?.errors)) return body;
    throw err;
  }
}

function workbook(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

export function importRegions(countyId: number, file: File, dryRun: boolean) {
  return importAnswer(
    api.upload<RegionImport>(`/regions/${countyId}/import`, workbook(file), {
      query: dryRun ? { dry_run: 1 } : undefined,
    }),
  );
}

export function importAccounts(file: File, dryRun: boolean) {
  return importAnswer(
    api.upload<AccountImport>('/users/import', workbook(file), {
      query: dryRun ? { dry_run: 1 } : undefined,
    }),
  );
}

export function resetPassword(userId: number): Promise<OneTimePassword> {
  return api.post<OneTimePassword>(`/users/${userId}/password-reset`);
}

export function userDevices(userId: number): Promise<{ items: Device[] }> {
  return api.get<{ items: Device[] }>(`/users/${userId}/devices`);
}

/** Every region of the tree, depth first, with its depth (for pickers). */
export function flatten(nodes: RegionNode[], depth = 0): (RegionNode & { depth: number })[] {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flatten(n.children, depth + 1)]);
}

/** The level a child of ``level`` has (a village has none). */
export function childLevel(level: RegionLevel | null): RegionLevel | null {
  if (level === null) return 'province';
  const at = REGION_LEVELS.indexOf(level);
  return REGION_LEVELS[at + 1] ?? null;
}
