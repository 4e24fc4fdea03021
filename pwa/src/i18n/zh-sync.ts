/** Simplified Chinese texts of what waits to sync (sync/pending.ts, lib/sync-status.ts). */
export const zhSync = {
  'sync.items.inspection': '{n} 份检查',
  'sync.items.issue': '{n} 个问题',
  'sync.items.report': '{n} 份代表建议',
  'sync.items.other': '{n} 项其他修改',
  'sync.items.photo': '{n} 张照片',
  'sync.items.sep': '、',
  'sync.pending': '{items}待上传',
  'sync.offlinePending': '离线 · 待同步 {items}',
  'sync.retrying': '{items}待上传 · 网络不稳，稍后自动重试',
  'sync.syncingN': '正在同步… 剩余 {items}',
  'sync.updateUnsynced': '还有 {items}未同步，请先同步再更新',
  'sync.photoBar': '照片 {i}/{n}',
  'sync.bytes': '{done} / {total}',
  'sync.keepLocalPhotos': '保留原图',
  'sync.keepLocalPhotosHint':
    '照片上传后仍在本机保留原图。关闭时，存储空间不足会自动删除已上传照片的原图，只留缩略图。',
};
