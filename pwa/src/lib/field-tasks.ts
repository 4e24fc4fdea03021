/**
 * The inspector's task list (pure).
 *
 * Tasks the office assigned (pull type `task`, server/planning) come first: {@link openTasksOf}.
 * Below them — and alone while no plan has assigned any — the field home shows the projects of
 * the inspector's scope (pull already scopes them to the inspector's townships) grouped by the
 * inspection each one calls for by its schedule status — 滞后 → 重点督, 已完成 → 回头看,
 * 按序时/超序时 → 随机查 — and says so on screen.
 */
import type { StatusCode } from '../api/types';
import { nearestFirst, type LatLon } from './geo';
import {
  scheduleStatus,
  suggestedKind,
  TASK_GROUP_ORDER,
  type InspectionKind,
  type ProjectData,
  type TaskData,
} from './field-records';

export interface TaskFilters {
  q: string;
  township: string;
  status: StatusCode | '';
}

export interface ProjectTask {
  project: ProjectData;
  status: StatusCode;
  kind: InspectionKind | null;
  distanceM: number | null;
}

export function toTasks(projects: readonly ProjectData[], today: string): ProjectTask[] {
  return projects.map((project) => {
    const status = scheduleStatus(project, today);
    return { project, status, kind: suggestedKind(status), distanceM: null };
  });
}

/** Search (name, code, township, village, unit) and filters; keeps the order. */
export function filterTasks(tasks: readonly ProjectTask[], f: TaskFilters): ProjectTask[] {
  const words = f.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return tasks.filter(({ project: p, status }) => {
    if (f.township && String(p.township?.id ?? '') !== f.township) return false;
    if (f.status && status !== f.status) return false;
    if (!words.length) return true;
    const hay = [p.name, p.code, p.township?.name, p.village?.name, p.unit?.name, p.series?.name]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Nearest first from `here` (projects without coordinates last), with each distance. */
export function sortNearest(tasks: readonly ProjectTask[], here: LatLon | null): ProjectTask[] {
  return nearestFirst(tasks, here, (t) => t.project.location).map(({ item, distanceM }) => ({
    ...item,
    distanceM,
  }));
}

/** Groups in {@link TASK_GROUP_ORDER}; empty groups left out. Within a group: by code. */
export function groupTasks(
  tasks: readonly ProjectTask[],
): { kind: InspectionKind | 'other'; tasks: ProjectTask[] }[] {
  const groups = new Map<InspectionKind | 'other', ProjectTask[]>();
  for (const task of tasks) {
    const key = task.kind ?? 'other';
    const list = groups.get(key) ?? [];
    list.push(task);
    groups.set(key, list);
  }
  return TASK_GROUP_ORDER.filter((k) => groups.has(k)).map((kind) => ({
    kind,
    tasks: groups.get(kind)!.sort((a, b) => a.project.code.localeCompare(b.project.code)),
  }));
}

/** The townships present in the tasks, for the filter (by name). */
export function townshipsOf(tasks: readonly ProjectTask[]): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const { project } of tasks)
    if (project.township) seen.set(project.township.id, project.township.name);
  return [...seen]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The user's assigned tasks still to do (from the office's plans), soonest due first. */
export function openTasksOf(tasks: readonly TaskData[], userId: number): TaskData[] {
  return tasks
    .filter((t) => t.assignee_id === userId && t.status === 'todo')
    .sort(
      (a, b) =>
        (a.due_date ?? '9999-12-31').localeCompare(b.due_date ?? '9999-12-31') ||
        a.project.code.localeCompare(b.project.code),
    );
}
