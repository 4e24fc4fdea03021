/** Schedule status (序时进度) → colour tone and label. */
import type { StatusCode } from '../api/types';
import { t } from '../i18n';

/** Display order of the status chips and selects. */
export const STATUS_ORDER: readonly StatusCode[] = [
  'completed_early',
  'completed',
  'ahead',
  'on_schedule',
  'behind',
  'postponed',
];

export type Tone = 'green' | 'blue' | 'teal' | 'red' | 'orange' | 'grey';

/** 提前完成/已完成 green, 超序时 blue, 按序时 teal, 滞后 red, 暂缓 orange. */
export const STATUS_TONES: Readonly<Record<StatusCode, Tone>> = {
  completed_early: 'green',
  completed: 'green',
  ahead: 'blue',
  on_schedule: 'teal',
  behind: 'red',
  postponed: 'orange',
};

/** Background colours per tone; each carries white text at ≥ 4.5:1 contrast. */
export const TONE_COLOURS: Readonly<Record<Tone, string>> = {
  green: '#1b7a36',
  blue: '#1452b8',
  teal: '#0c6b6b',
  red: '#c62828',
  orange: '#a84f00',
  grey: '#5c6166',
};

export function isStatusCode(code: unknown): code is StatusCode {
  return typeof code === 'string' && (STATUS_ORDER as readonly string[]).includes(code);
}

export function statusTone(code: string | null | undefined): Tone {
  return isStatusCode(code) ? STATUS_TONES[code] : 'grey';
}

export function statusColour(code: string | null | undefined): string {
  return TONE_COLOURS[statusTone(code)];
}

/** The server's label when it sent one (already in the request's language), else our own. */
export function statusLabel(code: string | null | undefined, serverLabel?: string | null): string {
  if (serverLabel) return serverLabel;
  return isStatusCode(code) ? t(`status.${code}`) : t('status.unknown');
}
