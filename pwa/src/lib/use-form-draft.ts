/**
 * A form whose fields and chosen photos are kept on the phone as the user goes (sync/forms.ts):
 * reopened after a reload it comes back as it was, with "已恢复未保存的内容"; 保存 and 放弃 clear
 * it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../components/ui';
import { FormKeeper, type FormPhotoRecord } from '../sync/forms';
import { useSync } from './sync-context';

/**
 * Call `save` when the page may be about to end: `pagehide` (a reload, a closed or killed tab)
 * and the tab going to the background (`visibilitychange` to hidden — the camera app opening,
 * the home button; Android may kill it there without a pagehide). Returns the unsubscribe.
 * IndexedDB writes started in these events still commit.
 */
export function onLeave(save: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => undefined;
  const onHide = () => {
    if (document.visibilityState === 'hidden') save();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', save);
  return () => {
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', save);
  };
}

/**
 * `onLeave`, and also whenever a field loses focus (`focusout` anywhere on the page): the user
 * moved on, so what they typed is written at once, not after the debounce. Returns the unsubscribe.
 */
export function onFieldLeave(save: () => void): () => void {
  if (typeof document === 'undefined') return () => undefined;
  const off = onLeave(save);
  document.addEventListener('focusout', save);
  return () => {
    off();
    document.removeEventListener('focusout', save);
  };
}

/** `onLeave` for a component: the latest `save` runs, for as long as it is mounted. */
export function useSaveOnLeave(save: () => void): void {
  const latest = useRef(save);
  latest.current = save;
  useEffect(() => onLeave(() => latest.current()), []);
}

/**
 * The message for a failed write: "phone full" in plain words (see errorMessage),
 * else the error's own.
 */
export const storageErrorMessage = errorMessage;

export interface FormDraftState<F> {
  /**
   * The stored form has been read (render the inputs only then, or a restore would
   * overwrite typing).
   */
  ready: boolean;
  fields: F;
  photos: FormPhotoRecord[];
  /** The record 保存 already created (some photos still to attach), else null. */
  savedAs: string | null;
  /** The form came back from storage with something in it. */
  restored: boolean;
  /** A write that failed (e.g. the phone is full), in Chinese. */
  error: string | null;
  /** Photos are being stored. */
  adding: boolean;
  /** Wait for the writes under way; resolves with the form's photos as stored (for 保存). */
  settle(): Promise<FormPhotoRecord[]>;
  set<K extends keyof F>(key: K, value: F[K]): void;
  addFiles(files: Blob[]): Promise<void>;
  removePhoto(id: string): Promise<void>;
  markSaved(ownerId: string): Promise<void>;
  photoAttached(id: string): Promise<void>;
  /** Forget the stored form (after 保存, or on 放弃) and start empty. */
  clear(): Promise<void>;
}

export function useFormDraft<F extends object>(
  key: string,
  empty: F,
  isEmpty: (fields: F) => boolean,
): FormDraftState<F> {
  const { db } = useSync();
  const [fields, setFields] = useState<F>(empty);
  const [photos, setPhotoState] = useState<FormPhotoRecord[]>([]);
  const [adding, setAdding] = useState(false);
  const photosRef = useRef<FormPhotoRecord[]>([]);
  const adds = useRef<Promise<unknown>>(Promise.resolve());
  const setPhotos = (
    next: FormPhotoRecord[] | ((list: FormPhotoRecord[]) => FormPhotoRecord[]),
  ) => {
    photosRef.current = typeof next === 'function' ? next(photosRef.current) : next;
    setPhotoState(photosRef.current);
  };
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(fields);
  // the caller's blank form and emptiness test as of this render: callers pass new ones each
  // render, and ProblemForm's depend on the default unit, which may arrive after the keeper
  const shape = useRef({ empty, isEmpty });
  shape.current = { empty, isEmpty };
  const keeper = useMemo(
    () =>
      db
        ? new FormKeeper<F>(db, key, {
            isEmpty: (form) => shape.current.isEmpty(form),
            onError: (err) => setError(storageErrorMessage(err)),
          })
        : null,
    [db, key],
  );

  useEffect(() => {
    if (!keeper) return;
    let live = true;
    keeper
      .load()
      .then((stored) => {
        if (!live) return;
        if (stored) {
          const merged = { ...shape.current.empty, ...(stored.fields as F) };
          current.current = merged;
          setFields(merged);
          setPhotos(stored.photos);
          setSavedAs(stored.saved_as);
          setRestored(
            !shape.current.isEmpty(merged) || stored.photos.length > 0 || !!stored.saved_as,
          );
        }
        setReady(true);
      })
      .catch((err) => {
        if (live) {
          setError(storageErrorMessage(err));
          setReady(true);
        }
      });
    return () => {
      live = false;
      void keeper.close().catch(() => undefined);
    };
  }, [keeper]);

  // the tab going to the background (the camera app opening, the home button) may be the last
  // moment before Android kills it, and a field losing focus means the user moved on: write what
  // waits for the debounce now
  useEffect(() => {
    if (!keeper) return;
    return onFieldLeave(
      () => void keeper.flush().catch((err) => setError(storageErrorMessage(err))),
    );
  }, [keeper]);

  return {
    ready,
    fields,
    photos,
    savedAs,
    restored,
    error,
    adding,
    async settle() {
      await adds.current;
      setError(null); // an earlier failure (a photo that did not fit) is not this 保存's
      await keeper?.flush();
      return photosRef.current;
    },
    set(name, value) {
      const next = { ...current.current, [name]: value };
      current.current = next;
      setFields(next);
      setError(null);
      keeper?.setFields(next);
    },
    async addFiles(files) {
      if (!keeper || !files.length) return;
      setAdding(true);
      const run = keeper.addPhotos(files, current.current).then(
        (added) => {
          setPhotos((list) => [...list, ...added]);
          setError(null);
        },
        (err) => setError(storageErrorMessage(err)),
      );
      adds.current = adds.current.then(() => run);
      await run;
      setAdding(false);
    },
    async removePhoto(id) {
      await keeper?.removePhoto(id);
      setPhotos((list) => list.filter((p) => p.id !== id));
    },
    async markSaved(ownerId) {
      await keeper?.markSaved(ownerId);
      setSavedAs(ownerId);
    },
    async photoAttached(id) {
      await keeper?.removePhoto(id);
      setPhotos((list) => list.filter((p) => p.id !== id));
    },
    async clear() {
      await keeper?.clear();
      current.current = empty;
      setFields(empty);
      setPhotos([]);
      setSavedAs(null);
      setRestored(false);
      setError(null);
    },
  };
}
