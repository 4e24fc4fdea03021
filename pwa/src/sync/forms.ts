/**
 * Unsaved forms: what the user typed and the photos they chose, kept in IndexedDB as they go, so
 * a reload, a tab Android killed or a reboot before 保存 loses nothing.
 *
 * A form has a key (`problem:<inspection id>`, `report:new`). Its fields live in `forms` (one
 * small record, rewritten as the user types, debounced); its photos live in `form_photos` (bytes
 * as picked, written once each), so typing never rewrites the photo bytes. Adding photos is ONE
 * transaction: when the phone is full (QuotaExceededError) none of them is stored and what was
 * stored before stays as it was. Cleared on 保存 (after the real records are queued) or 放弃.
 */
import { atomically, newUuid, type SyncDB } from './db';

/** An unsaved form: its fields and its photos' order (store `forms`, schema v2). */
export interface FormRecord {
  key: string;
  fields: unknown;
  /** The form's photos in the order they were chosen (ids in `form_photos`). */
  photo_ids: string[];
  /** Set once 保存 created the record (e.g. the issue id) but some photos are still to attach. */
  saved_as?: string | null;
  updated_at: string;
}

/** A photo chosen in an unsaved form, bytes as picked (store `form_photos`, schema v2). */
export interface FormPhotoRecord {
  id: string;
  form_key: string;
  name: string;
  type: string;
  /** The file's lastModified (epoch ms): capture takes the photo's time from it. */
  last_modified: number;
  size: number;
  bytes: Blob;
}

export interface FormDraft<F> {
  key: string;
  fields: F;
  /** In the order they were chosen. */
  photos: FormPhotoRecord[];
  saved_as: string | null;
  updated_at: string;
}

/** True for the browser's "no room left" failure (IndexedDB write or transaction commit). */
export function isQuotaError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  if (e.name === 'QuotaExceededError' || e.code === 22) return true;
  // some engines abort the transaction with an AbortError that says why
  return typeof e.message === 'string' && /quota/i.test(e.message);
}

/** The stored form and its photos, or undefined when there is none. */
export async function loadForm<F>(db: SyncDB, key: string): Promise<FormDraft<F> | undefined> {
  const tx = db.transaction(['forms', 'form_photos']);
  const [form, photos] = await Promise.all([
    tx.objectStore('forms').get(key),
    tx.objectStore('form_photos').index('by_form').getAll(key),
  ]);
  await tx.done;
  if (!form) return undefined;
  const byId = new Map(photos.map((p) => [p.id, p]));
  const ordered = form.photo_ids.map((id) => byId.get(id)).filter((p): p is FormPhotoRecord => !!p);
  return {
    key,
    fields: form.fields as F,
    photos: ordered,
    saved_as: form.saved_as ?? null,
    updated_at: form.updated_at,
  };
}

export async function hasForm(db: SyncDB, key: string): Promise<boolean> {
  return (await db.count('forms', key)) > 0;
}

/** Write the fields (the photos stay as they are). */
export async function saveFields<F>(
  db: SyncDB,
  key: string,
  fields: F,
  now = new Date(),
): Promise<void> {
  const tx = db.transaction('forms', 'readwrite');
  await atomically(tx, async () => {
    const current = await tx.store.get(key);
    const next: FormRecord = {
      key,
      photo_ids: [],
      saved_as: null,
      ...current,
      fields,
      updated_at: now.toISOString(),
    };
    await tx.store.put(next);
  });
}

/**
 * Keep picked photos with the form, all or none (one transaction). `fields` are written with them
 * when the form has no record yet. Resolves with the stored photos.
 */
export async function addPhotos<F>(
  db: SyncDB,
  key: string,
  files: Blob[],
  fields: F,
  now = new Date(),
): Promise<FormPhotoRecord[]> {
  const added: FormPhotoRecord[] = files.map((file) => {
    const f = file as Partial<File>;
    return {
      id: newUuid(),
      form_key: key,
      name: f.name || 'photo.jpg',
      type: file.type || 'image/jpeg',
      last_modified: f.lastModified || now.getTime(),
      size: file.size,
      bytes: file,
    };
  });
  const tx = db.transaction(['forms', 'form_photos'], 'readwrite');
  await atomically(tx, async () => {
    const forms = tx.objectStore('forms');
    const current = await forms.get(key);
    for (const photo of added) await tx.objectStore('form_photos').put(photo);
    const base: FormRecord = current ?? {
      key,
      fields,
      photo_ids: [],
      saved_as: null,
      updated_at: '',
    };
    await forms.put({
      ...base,
      photo_ids: [...base.photo_ids, ...added.map((p) => p.id)],
      updated_at: now.toISOString(),
    });
  });
  return added;
}

export async function removePhoto(db: SyncDB, key: string, photoId: string): Promise<void> {
  const tx = db.transaction(['forms', 'form_photos'], 'readwrite');
  await atomically(tx, async () => {
    const forms = tx.objectStore('forms');
    const current = await forms.get(key);
    await tx.objectStore('form_photos').delete(photoId);
    if (current)
      await forms.put({ ...current, photo_ids: current.photo_ids.filter((id) => id !== photoId) });
  });
}

/**
 * 保存 created the record (`ownerId`) but photos are still to attach: a retry must
 * not create it again.
 */
export async function markSaved(db: SyncDB, key: string, ownerId: string): Promise<void> {
  const tx = db.transaction('forms', 'readwrite');
  await atomically(tx, async () => {
    const current = await tx.store.get(key);
    if (current) await tx.store.put({ ...current, saved_as: ownerId });
  });
}

/** Forget the form and its photos (after 保存, or 放弃). */
export async function clearForm(db: SyncDB, key: string): Promise<void> {
  const tx = db.transaction(['forms', 'form_photos'], 'readwrite');
  await atomically(tx, async () => {
    const photos = tx.objectStore('form_photos');
    for (const id of await photos.index('by_form').getAllKeys(key)) await photos.delete(id);
    await tx.objectStore('forms').delete(key);
  });
}

/** The stored photo as a File again (name, type and time as picked), for capture. */
export function photoFile(photo: FormPhotoRecord): Blob {
  if (typeof File !== 'function') return photo.bytes;
  try {
    return new File([photo.bytes], photo.name, {
      type: photo.type,
      lastModified: photo.last_modified,
    });
  } catch {
    return photo.bytes;
  }
}

/**
 * One open form: field writes are debounced (`delayMs`) and every write runs after the previous
 * one, so a late keystroke never lands after 放弃 / 保存 cleared the form. Write failures go to
 * `onError` (the fields stay on screen; the next keystroke tries again).
 */
export class FormKeeper<F> {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: F | null = null;

  constructor(
    readonly db: SyncDB,
    readonly key: string,
    private readonly opts: {
      delayMs?: number;
      isEmpty?: (fields: F) => boolean;
      onError?: (err: unknown) => void;
    } = {},
  ) {}

  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  load(): Promise<FormDraft<F> | undefined> {
    return this.run(() => loadForm<F>(this.db, this.key));
  }

  /** The user changed a field: store the fields soon. */
  setFields(fields: F): void {
    this.pending = fields;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => void this.flush().catch((err) => this.opts.onError?.(err)),
      this.opts.delayMs ?? 300,
    );
  }

  /** Write the fields waiting for the debounce now. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const fields = this.pending;
    this.pending = null;
    if (fields === null) return this.run(async () => undefined);
    return this.run(async () => {
      const current = await loadForm<F>(this.db, this.key);
      if (this.opts.isEmpty?.(fields) && !current?.photos.length && !current?.saved_as) {
        if (current) await clearForm(this.db, this.key);
        return;
      }
      await saveFields(this.db, this.key, fields);
    });
  }

  async addPhotos(files: Blob[], fields: F): Promise<FormPhotoRecord[]> {
    await this.flush();
    return this.run(() => addPhotos(this.db, this.key, files, fields));
  }

  removePhoto(photoId: string): Promise<void> {
    return this.run(() => removePhoto(this.db, this.key, photoId));
  }

  markSaved(ownerId: string): Promise<void> {
    return this.run(() => markSaved(this.db, this.key, ownerId));
  }

  /** Drop any waiting write and forget the form. */
  clear(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    return this.run(() => clearForm(this.db, this.key));
  }

  /** Stop the timer, writing what waits (the form closes but is not saved or discarded). */
  close(): Promise<void> {
    return this.flush();
  }
}
