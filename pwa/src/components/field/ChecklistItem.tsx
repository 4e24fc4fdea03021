/** One checklist item, by kind: 是/否/不适用, number, text, choice, photos, location. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { ChecklistItem as Item, PhotoData } from '../../lib/field-records';
import { parseAnswer } from '../../lib/inspection-form';
import { formatDistance } from '../../lib/geo';
import type { GeoFix } from '../../sync/db';
import { PhotoPicker, PhotoStrip } from './PhotoPicker';

export interface ItemProps {
  item: Item;
  value: unknown;
  disabled: boolean;
  /** Save a parsed value (queued as answer.set). */
  onAnswer: (item: Item, value: unknown) => void;
  /** Photos for a photo item: the page captures them and sets the answer. */
  onPhotos: (item: Item, files: File[]) => Promise<void>;
  photos: (PhotoData & { pending?: boolean })[];
  fix: GeoFix | null;
}

const DEBOUNCE_MS = 800;

function Choices({
  item,
  value,
  options,
  disabled,
  onAnswer,
}: {
  item: Item;
  value: unknown;
  options: { value: string; label: string }[];
  disabled: boolean;
  onAnswer: ItemProps['onAnswer'];
}) {
  return (
    <div class="choices" role="radiogroup" aria-label={item.label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          class={`choice${value === o.value ? ' is-on' : ''}`}
          disabled={disabled}
          data-testid={`answer-${item.position}-${o.value}`}
          onClick={() => onAnswer(item, value === o.value ? null : o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

function TypedInput({
  item,
  value,
  disabled,
  onAnswer,
}: {
  item: Item;
  value: unknown;
  disabled: boolean;
  onAnswer: ItemProps['onAnswer'];
}) {
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(text);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const commit = (raw: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (raw === last.current) return;
    const parsed = parseAnswer(item, raw);
    if (!parsed.ok) {
      setError(t(`field.check.err.${parsed.error}`));
      return;
    }
    setError(null);
    last.current = raw;
    onAnswer(item, parsed.value);
  };
  const id = `item-${item.id}`;
  const common = {
    id,
    value: text,
    disabled,
    'data-testid': `answer-${item.position}`,
    'aria-invalid': error ? true : undefined,
    onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      const v = e.currentTarget.value;
      setText(v);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(v), DEBOUNCE_MS);
    },
    onBlur: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      commit(e.currentTarget.value),
  };
  return (
    <>
      {item.kind === 'number' ? (
        <div class="number-row">
          <input {...common} type="text" inputMode="decimal" autoComplete="off" />
          {item.unit && <span class="unit">{item.unit}</span>}
        </div>
      ) : (
        <textarea {...common} rows={3} />
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function ChecklistItemView(props: ItemProps) {
  const { item, value, disabled, onAnswer } = props;
  const [busy, setBusy] = useState(false);
  let control;
  switch (item.kind) {
    case 'yes_no_na':
      control = (
        <Choices
          item={item}
          value={value}
          disabled={disabled}
          onAnswer={onAnswer}
          options={[
            { value: 'yes', label: t('field.check.yes') },
            { value: 'no', label: t('field.check.no') },
            { value: 'na', label: t('field.check.na') },
          ]}
        />
      );
      break;
    case 'choice':
      control = (
        <Choices
          item={item}
          value={value}
          disabled={disabled}
          onAnswer={onAnswer}
          options={(item.options ?? []).map((o) => ({ value: o, label: o }))}
        />
      );
      break;
    case 'number':
    case 'text':
      control = <TypedInput item={item} value={value} disabled={disabled} onAnswer={onAnswer} />;
      break;
    case 'photo':
      control = (
        <>
          <PhotoStrip photos={props.photos} testid={`photos-${item.position}`} />
          {!disabled && (
            <PhotoPicker
              testid={`photo-${item.position}`}
              busy={busy}
              onFiles={async (files) => {
                setBusy(true);
                try {
                  await props.onPhotos(item, files);
                } finally {
                  setBusy(false);
                }
              }}
            />
          )}
        </>
      );
      break;
    case 'gps': {
      const fix = value as GeoFix | null;
      control = (
        <div class="gps-answer">
          {fix && typeof fix === 'object' ? (
            <span data-testid={`answer-${item.position}-fix`}>
              {t('field.check.gpsSaved', {
                acc: formatDistance(fix.accuracy_m ?? null, {
                  m: t('field.len.m'),
                  km: t('field.len.km'),
                }),
              })}
            </span>
          ) : (
            <span class="muted">{t('field.check.gpsNone')}</span>
          )}
          {!disabled && (
            <button
              type="button"
              class="btn"
              disabled={!props.fix}
              data-testid={`answer-${item.position}-usefix`}
              onClick={() => props.fix && onAnswer(item, props.fix)}
            >
              {props.fix ? t('field.check.gpsUse') : t('field.check.gpsWait')}
            </button>
          )}
        </div>
      );
      break;
    }
    default:
      control = (
        <TypedInput
          item={{ ...item, kind: 'text' }}
          value={value}
          disabled={disabled}
          onAnswer={onAnswer}
        />
      );
  }
  const answered = !(
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
  return (
    <li
      class={`check-item${answered ? ' is-answered' : ''}`}
      data-testid="check-item"
      data-kind={item.kind}
      data-answered={answered ? 'true' : 'false'}
    >
      <label class="check-label" for={`item-${item.id}`}>
        <span class="check-no">{item.position}.</span> {item.label}
        {item.required && (
          <span class="req" aria-label={t('field.check.required')}>
            {' '}
            *
          </span>
        )}
      </label>
      {item.hint && <p class="hint">{item.hint}</p>}
      {control}
    </li>
  );
}
