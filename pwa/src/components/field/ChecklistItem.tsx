/** One checklist item, by kind: 是/否/不适用, number, text, choice, 多选, date, photos, location;
 * an answer the item counts as a problem (its bad_answer) is marked red. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { ChecklistItem as Item, PhotoData } from '../../lib/field-records';
import { isAnswered, parseAnswer } from '../../lib/inspection-form';
import { badAnswers, isBadAnswer } from '../../lib/template-pick';
import { formatDistance } from '../../lib/geo';
import type { GeoFix } from '../../sync/db';
import { PhotoPicker, PhotoStrip } from './PhotoPicker';
import { DateInput, ItemBounds, MultiChoice } from './ChecklistItemKinds';
import { useSaveOnLeave } from '../../lib/use-form-draft';

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
  /** A bad answer of an item that opens a problem: open the problem draft for it. */
  onBad?: (item: Item) => void;
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
  const bad = badAnswers(item);
  return (
    <div class="choices" role="radiogroup" aria-label={item.label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          class={`choice${value === o.value ? ' is-on' : ''}${bad.includes(o.value) ? ' is-bad' : ''}`}
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
  const typed = useRef(text);
  // typing still inside the debounce is saved when the page ends or the screen closes, not lost
  const saveTyped = () => timer.current && commitRef.current(typed.current);
  useSaveOnLeave(saveTyped);
  useEffect(() => saveTyped, []);
  const commit = (raw: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (raw === last.current) return;
    const parsed = parseAnswer(item, raw);
    if (!parsed.ok) {
      setError(
        t(`field.check.err.${parsed.error}`, {
          min: item.minimum ?? '—',
          max: item.maximum ?? '—',
        }),
      );
      return;
    }
    setError(null);
    last.current = raw;
    onAnswer(item, parsed.value);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const id = `item-${item.id}`;
  const common = {
    id,
    value: text,
    disabled,
    'data-testid': `answer-${item.position}`,
    'aria-invalid': error ? true : undefined,
    onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      const v = e.currentTarget.value;
      typed.current = v;
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
          <input
            {...common}
            type="text"
            inputMode={item.integer ? 'numeric' : 'decimal'}
            autoComplete="off"
          />
          {item.unit && <span class="unit">{item.unit}</span>}
        </div>
      ) : (
        <textarea {...common} rows={3} />
      )}
      {error && (
        <p class="field-error" role="alert" data-testid={`answer-${item.position}-error`}>
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
    case 'multiple_choice':
      control = <MultiChoice item={item} value={value} disabled={disabled} onAnswer={onAnswer} />;
      break;
    case 'date':
      control = <DateInput item={item} value={value} disabled={disabled} onAnswer={onAnswer} />;
      break;
    case 'number':
    case 'text':
      control = (
        <>
          {item.kind === 'number' && <ItemBounds item={item} />}
          <TypedInput item={item} value={value} disabled={disabled} onAnswer={onAnswer} />
        </>
      );
      break;
    case 'photo':
      control = (
        <>
          <ItemBounds item={item} count={Array.isArray(value) ? value.length : 0} />
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
  const answered = isAnswered(value);
  const bad = answered && isBadAnswer(item, value);
  return (
    <li
      class={`check-item${answered ? ' is-answered' : ''}${bad ? ' is-bad' : ''}`}
      data-testid="check-item"
      data-kind={item.kind}
      data-answered={answered ? 'true' : 'false'}
      data-bad={bad ? 'true' : 'false'}
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
      {bad && props.onBad && !disabled && (
        <div class="bad-answer-note" data-testid={`answer-${item.position}-bad`}>
          <span>{t('tpl.capture.badAnswer')}</span>
          {item.opens_problem && (
            <button
              type="button"
              class="btn"
              data-testid={`answer-${item.position}-problem`}
              onClick={() => props.onBad?.(item)}
            >
              + {t('tpl.capture.openProblem')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
