/**
 * A problem's history (办理过程): who did what and when, from which state to which, and why.
 * The problem comes with its latest events; 显示更早的记录 reads older ones a page at a time.
 */
import { useEffect, useState } from 'preact/hooks';
import { listEvents, type IssueEvent } from '../../api/issues';
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { eventFacts } from '../../lib/issues';
import { fieldTime } from '../../lib/times';
import { errorMessage } from '../ui';

function stateName(state: string | null): string {
  return state ? t(`issues.state.${state}`) : '—';
}

/** Events that name a move from one state to another (made, refused, or waiting for photos). */
const MOVES = new Set(['transition', 'conflict', 'evidence_waiting', 'evidence_refused']);

function eventTitle(event: IssueEvent): string {
  const states = { from: stateName(event.from_state), to: stateName(event.to_state) };
  if (MOVES.has(event.kind)) return t(`issues.event.${event.kind}`, states);
  return t(`issues.event.${event.kind}`);
}

interface Props {
  issueId: string;
  /** The latest events, oldest first. */
  events: IssueEvent[];
  /** Older events exist on the server. */
  more?: boolean;
}

export function IssueTimeline({ issueId, events, more = false }: Props) {
  const [older, setOlder] = useState<IssueEvent[]>([]);
  const [hasMore, setHasMore] = useState(more);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setOlder([]);
    setHasMore(more);
    setError(null);
  }, [issueId, events, more]);
  const shown = [...older, ...events];
  const loadOlder = async () => {
    const first = shown[0];
    if (!first) return;
    setLoading(true);
    setError(null);
    try {
      const page = await listEvents(issueId, first.id);
      setOlder((kept) => [...page.items, ...kept]);
      setHasMore(page.has_more);
    } catch (err) {
      setError(errorMessage(err));
    }
    setLoading(false);
  };
  return (
    <section>
      <h2>{t('issues.timeline')}</h2>
      {hasMore && (
        <p>
          <button
            type="button"
            class="btn"
            onClick={loadOlder}
            disabled={loading}
            data-testid="issue-timeline-older"
          >
            {loading ? t('issues.timeline.loading') : t('issues.timeline.older')}
          </button>
        </p>
      )}
      {error && <p class="warn-text">{error}</p>}
      <ol class="issue-timeline" data-testid="issue-timeline">
        {shown.map((event) => {
          const facts = eventFacts(event);
          const notes = [
            facts.slip && t('issues.fact.slip', { code: facts.slip }),
            facts.deadline && t('issues.fact.deadline', { date: formatDate(facts.deadline) }),
            facts.proposed && t('issues.fact.proposed', { date: formatDate(facts.proposed) }),
            facts.previous && t('issues.fact.previous', { date: formatDate(facts.previous) }),
            facts.duplicateOf &&
              t('issues.fact.duplicateOf', { id: facts.duplicateOf.slice(0, 8) }),
          ].filter(Boolean);
          return (
            <li
              key={event.id}
              class={`issue-event event-${event.kind}`}
              data-testid="issue-event"
              data-kind={event.kind}
              data-to={event.to_state ?? ''}
            >
              <p class="issue-event-head">
                <strong>{eventTitle(event)}</strong>
              </p>
              <p class="issue-event-meta">
                {event.actor.display_name} ·{' '}
                <time dateTime={event.at}>
                  {fieldTime(event.at, event.received_at, event.clock_skew)}
                </time>
                {event.late && (
                  <span class="badge deadline-red" data-testid="event-late">
                    {t('issues.lateRectification')}
                  </span>
                )}
              </p>
              {notes.length > 0 && <p class="issue-event-facts">{notes.join(' · ')}</p>}
              {event.reason && (
                <p class="issue-event-reason">{t('issues.reason', { reason: event.reason })}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
