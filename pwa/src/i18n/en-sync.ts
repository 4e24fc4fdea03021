/** English texts of what waits to sync. */
import type { zhSync } from './zh-sync';

export const enSync: Record<keyof typeof zhSync, string> = {
  'sync.items.inspection': '{n} inspection(s)',
  'sync.items.issue': '{n} problem(s)',
  'sync.items.report': "{n} deputy's report(s)",
  'sync.items.other': '{n} other change(s)',
  'sync.items.photo': '{n} photo(s)',
  'sync.items.sep': ', ',
  'sync.pending': '{items} to upload',
  'sync.offlinePending': 'Offline · {items} to sync',
  'sync.retrying': '{items} to upload · weak network, retrying soon',
  'sync.syncingN': 'Syncing… {items} left',
  'sync.updateUnsynced': '{items} not synced yet: sync before updating',
  'sync.photoBar': 'Photo {i}/{n}',
  'sync.bytes': '{done} / {total}',
  'sync.keepLocalPhotos': 'Keep originals on this phone',
  'sync.keepLocalPhotosHint':
    'Keep each photo on this phone after upload. When off and space runs low, uploaded photos keep only a thumbnail here.',
};
