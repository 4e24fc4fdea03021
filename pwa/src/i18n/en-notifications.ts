import type { NotificationKey } from './zh-notifications';

/** English: the notification bell and list (the notifications' own texts stay in Chinese). */
export const enNotifications: Partial<Record<NotificationKey, string>> = {
  'notifications.title': 'Notifications',
  'notifications.bell': 'Notifications',
  'notifications.bellUnread': 'Notifications, {count} unread',
  'notifications.unreadCount': '({count} unread)',
  'notifications.unread': 'Unread',
  'notifications.readAll': 'Mark all read',
  'notifications.markRead': 'Mark read',
  'notifications.open': 'Open',
  'notifications.more': 'Load more',
  'notifications.empty': 'No notifications',
  'notifications.offline':
    'Notifications need a connection; they refresh when you are back online.',
  'notifications.kind.assigned': 'Assigned',
  'notifications.kind.due_soon': 'Due soon',
  'notifications.kind.overdue': 'Overdue',
  'notifications.kind.returned': 'Returned',
  'notifications.kind.replied': 'Replied',
  'notifications.kind.rated': 'Rated',
  'notifications.kind.extension': 'Extension',
  'notifications.kind.reviewed': 'Approved',
};
