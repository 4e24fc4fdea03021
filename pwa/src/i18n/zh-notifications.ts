/** Simplified Chinese: the notification bell and list. */
export const zhNotifications = {
  'notifications.title': '通知',
  'notifications.bell': '通知',
  'notifications.bellUnread': '通知，{count} 条未读',
  'notifications.unreadCount': '（{count} 条未读）',
  'notifications.unread': '未读',
  'notifications.readAll': '全部标为已读',
  'notifications.markRead': '标为已读',
  'notifications.open': '查看',
  'notifications.more': '加载更多',
  'notifications.empty': '暂无通知',
  'notifications.offline': '离线时无法查看通知，联网后会自动刷新。',
  'notifications.kind.assigned': '交办',
  'notifications.kind.due_soon': '即将到期',
  'notifications.kind.overdue': '已逾期',
  'notifications.kind.returned': '退回',
  'notifications.kind.replied': '答复',
  'notifications.kind.rated': '评价',
  'notifications.kind.extension': '延期',
  'notifications.kind.reviewed': '审核通过',
} as const;

export type NotificationKey = keyof typeof zhNotifications;
