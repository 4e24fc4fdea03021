/**
 * The office's paragraphs of a bulletin (情况 / 存在的问题 / 下步工作要求): editable with 保存 and
 * 发布 (after a confirm step) while a draft, read-only once published.
 */
import { useState } from 'preact/hooks';
import { PARAGRAPH_FIELDS, type BulletinParagraphs as Paragraphs } from '../../api/bulletin';
import { t } from '../../i18n';
import { Field } from '../ui';

const textsOf = (p: Paragraphs) =>
  Object.fromEntries(PARAGRAPH_FIELDS.map((f) => [f, p[f] ?? ''])) as Record<
    keyof Paragraphs,
    string
  >;

export function BulletinParagraphs({
  paragraphs,
  published,
  busy,
  onSave,
  onPublish,
}: {
  paragraphs: Paragraphs;
  published: boolean;
  /** 'save' or 'publish' while that request runs. */
  busy: 'save' | 'publish' | null;
  onSave: (paragraphs: Paragraphs) => Promise<boolean>;
  /** Publish with these paragraphs (saved first when they changed). */
  onPublish: (paragraphs: Paragraphs, changed: boolean) => Promise<boolean>;
}) {
  const [texts, setTexts] = useState(() => textsOf(paragraphs));
  const [saved, setSaved] = useState(() => textsOf(paragraphs));
  const [confirming, setConfirming] = useState(false);
  const changed = PARAGRAPH_FIELDS.some((f) => texts[f] !== saved[f]);

  async function save(event: Event) {
    event.preventDefault();
    const sent = { ...texts };
    if (await onSave(sent)) setSaved(sent);
  }

  async function publish() {
    const sent = { ...texts };
    if (await onPublish(sent, changed)) setSaved(sent);
    setConfirming(false);
  }

  return (
    <form class="bulletin-paragraphs" onSubmit={save} data-testid="bulletin-paragraphs">
      <h2>{t('bulletin.draft.paragraphs')}</h2>
      {PARAGRAPH_FIELDS.map((field) => (
        <Field key={field} id={`bulletin-text-${field}`} label={t(`bulletin.draft.${field}`)}>
          <textarea
            id={`bulletin-text-${field}`}
            rows={5}
            maxLength={20_000}
            value={texts[field]}
            readOnly={published}
            data-testid={`bulletin-text-${field}`}
            onInput={(e) => {
              const value = (e.currentTarget as HTMLTextAreaElement).value;
              setTexts((current) => ({ ...current, [field]: value }));
            }}
          />
        </Field>
      ))}
      {published ? (
        <p class="muted" data-testid="bulletin-read-only">
          {t('bulletin.draft.readOnly')}
        </p>
      ) : (
        <>
          <p
            class="muted bulletin-save-state"
            aria-live="polite"
            data-testid="bulletin-save-state"
            data-changed={changed ? 'yes' : 'no'}
          >
            {changed ? t('bulletin.draft.unsaved') : busy === null ? t('bulletin.draft.saved') : ''}
          </p>
          {confirming ? (
            <div
              class="alert alert-info bulletin-confirm"
              role="alertdialog"
              aria-labelledby="bulletin-confirm-text"
              data-testid="bulletin-publish-confirm"
            >
              <p id="bulletin-confirm-text">{t('bulletin.draft.publishConfirm')}</p>
              <div class="form-actions">
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={busy !== null}
                  onClick={() => void publish()}
                  data-testid="bulletin-publish-yes"
                >
                  {busy === 'publish'
                    ? t('bulletin.draft.publishing')
                    : t('bulletin.draft.publishYes')}
                </button>
                <button
                  type="button"
                  class="btn"
                  disabled={busy !== null}
                  onClick={() => setConfirming(false)}
                  data-testid="bulletin-publish-cancel"
                >
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div class="form-actions">
              <button
                type="submit"
                class="btn"
                disabled={busy !== null || !changed}
                data-testid="bulletin-save"
              >
                {busy === 'save' ? t('bulletin.draft.saving') : t('bulletin.draft.save')}
              </button>
              <button
                type="button"
                class="btn btn-primary"
                disabled={busy !== null}
                onClick={() => setConfirming(true)}
                data-testid="bulletin-publish"
              >
                {t('bulletin.draft.publish')}
              </button>
            </div>
          )}
        </>
      )}
    </form>
  );
}
