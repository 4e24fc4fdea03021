import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import {
  badgeText,
  isQuietFailure,
  notificationLink,
  sortForList,
  withRead,
  type AppNotification,
} from '../src/lib/notifications';
import { en } from '../src/i18n/en';
import { zh } from '../src/i18n/zh';
import { zhNotifications } from '../src/i18n/zh-notifications';

function note(
  id: number,
  created_at: string,
  read_at: string | null = null,
  links: Partial<AppNotification> = {},
): AppNotification {
  return {
    id,
    kind: 'assigned',
    kind_label: '交办',
    title: `通知${id}`,
    body: null,
    issue_id: null,
    report_id: null,
    inspection_id: null,
    project_id: null,
    created_at,
    read_at,
    ...links,
  };
}

describe('the bell badge', () => {
  it('shows nothing at zero, the number up to 99, then 99+', () => {
    expect(badgeText(null)).toBe('');
    expect(badgeText(0)).toBe('');
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('where a notification leads', () => {
  const links = { issue_id: 'i-1', report_id: 'r-1', inspection_id: 'x/1', project_id: 7 };
  it('field screens for units, deputies and inspectors', () => {
    expect(notificationLink(links, 'unit')).toBe('/field/issues/i-1');
    expect(notificationLink(links, 'deputy')).toBe('/field/reports');
    expect(notificationLink(links, 'inspector')).toBe('/field/inspections/x%2F1');
  });
  it('the office pages for the office: the problem, the reports, the review queue', () => {
    expect(notificationLink(links, 'supervisor')).toBe('/office/issues/i-1');
    expect(notificationLink({ ...links, issue_id: null }, 'admin')).toBe('/office/reports');
    expect(notificationLink({ ...links, issue_id: null, report_id: null }, 'supervisor')).toBe(
      '/office/review',
    );
  });
  it('a problem for an inspector opens its field page', () => {
    expect(notificationLink({ ...links, inspection_id: null }, 'inspector')).toBe(
      '/field/issues/i-1',
    );
  });
  it('else the project page, or nowhere', () => {
    const bare = { issue_id: null, report_id: null, inspection_id: null };
    expect(notificationLink({ ...bare, project_id: 7 }, 'supervisor')).toBe('/projects/7');
    expect(notificationLink({ ...bare, project_id: null }, 'admin')).toBeNull();
    expect(
      notificationLink(
        { issue_id: null, report_id: 'r', inspection_id: null, project_id: null },
        'unit',
      ),
    ).toBeNull();
  });
});

describe('the list order and marking read', () => {
  const items = [
    note(1, '2023-08-01T01:00:00Z', '2023-08-02T00:00:00Z'),
    note(2, '2023-08-01T02:00:00Z'),
    note(3, '2023-08-01T03:00:00Z', '2023-08-02T00:00:00Z'),
    note(4, '2023-08-01T01:30:00Z'),
  ];
  it('unread first, newest first', () => {
    expect(sortForList(items).map((n) => n.id)).toEqual([2, 4, 3, 1]);
  });
  it('marks only the given unread ones, keeping read times already there', () => {
    const after = withRead(items, [2, 3], '2023-08-03T00:00:00Z');
    expect(after.map((n) => n.read_at)).toEqual([
      '2023-08-02T00:00:00Z',
      '2023-08-03T00:00:00Z',
      '2023-08-02T00:00:00Z',
      null,
    ]);
    expect(withRead(items, 'all', 'x').every((n) => n.read_at !== null)).toBe(true);
  });
});

describe('failing quietly', () => {
  it('offline, server down and cancelled are quiet; a refusal is not', () => {
    expect(isQuietFailure(new ApiError(0, 'network', 'Network error'))).toBe(true);
    expect(isQuietFailure(new ApiError(503, 'server_error', 'down'))).toBe(true);
    expect(isQuietFailure(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isQuietFailure(new ApiError(500, 'server_error', 'boom'))).toBe(false);
    expect(isQuietFailure(new ApiError(403, 'forbidden', 'no'))).toBe(false);
  });
});

describe('texts', () => {
  it('every notification key is in the Chinese and English dictionaries', () => {
    for (const key of Object.keys(zhNotifications)) {
      expect(zh[key as keyof typeof zh]).toBeTruthy();
      expect(en[key as keyof typeof en]).toBeTruthy();
    }
  });
});
