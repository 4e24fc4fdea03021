/**
 * The project map's pure parts: each point's look and hover tooltip, the view's bounds, the
 * legend's counts.
 */
import type { MapProject } from '../api/dashboard';
import { t } from '../i18n';
import type { StatusCode } from '../api/types';
import { STATUS_ORDER, statusColour } from './status';

export const MIN_RADIUS = 7;
export const MAX_RADIUS = 20;

/** Circle radius in px: 7 with no open problem, growing with the square root of their number. */
export function pointRadius(openProblems: number): number {
  const open = Math.max(0, openProblems);
  return Math.min(MAX_RADIUS, MIN_RADIUS + 3 * Math.sqrt(open));
}

export interface PointStyle {
  radius: number;
  color: string;
  fillColor: string;
  fillOpacity: number;
  weight: number;
  className: string;
}

/** A point coloured by schedule status; a white ring, thicker and dark when problems are open. */
export function pointStyle(project: Pick<MapProject, 'status' | 'open_problems'>): PointStyle {
  const open = project.open_problems > 0;
  return {
    radius: pointRadius(project.open_problems),
    color: open ? '#111418' : '#ffffff',
    fillColor: statusColour(project.status),
    fillOpacity: 0.85,
    weight: open ? 2.5 : 1.5,
    className: `map-point status-${project.status}${open ? ' has-open' : ''}`,
  };
}

export type Bounds = [[number, number], [number, number]];

/** South-west and north-east corners ([lat, lon]) around every point; null with none. */
export function boundsOf(projects: Pick<MapProject, 'lat' | 'lon'>[]): Bounds | null {
  if (!projects.length) return null;
  const lats = projects.map((p) => p.lat);
  const lons = projects.map((p) => p.lon);
  return [
    [Math.min(...lats), Math.min(...lons)],
    [Math.max(...lats), Math.max(...lons)],
  ];
}

/** How many points each status has, in the chips' order, leaving out statuses with none. */
export function legendCounts(
  projects: Pick<MapProject, 'status'>[],
): { status: StatusCode; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of projects) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  return STATUS_ORDER.filter((s) => counts.has(s)).map((status) => ({
    status,
    count: counts.get(status)!,
  }));
}

/** What a point's tooltip says on hover: the project's name, then its code, status and open
 * problems ("TS2023-001 · 提前完成 · 未销号问题 2 个"). */
export function tooltipLines(
  project: Pick<MapProject, 'name' | 'code' | 'status_label' | 'open_problems'>,
): [string, string] {
  const facts = [
    project.code,
    project.status_label,
    t('map.openProblems', { n: project.open_problems }),
  ];
  return [project.name, facts.filter(Boolean).join(' · ')];
}

/** Whether the pointer can hover (a mouse): a phone's tap opens the card instead. */
export function canHover(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(hover: hover)').matches;
}
