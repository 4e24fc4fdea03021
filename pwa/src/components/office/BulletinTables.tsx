/**
 * The bulletin's figures as tables, in the order the printed bulletin has them: projects by
 * level, schedule statuses, funds, problems (overall and by unit), inspections by kind, deputies'
 * reports and ratings, and the lagging and postponed projects with their reasons.
 */
import type { ComponentChildren } from 'preact';
import type { Bulletin, ListedProject, Rate, StatusCode } from '../../api/bulletin';
import { getLang, t } from '../../i18n';
import { TableHead, type Column } from '../ui';

export const STATUS_ORDER: StatusCode[] = [
  'completed_early',
  'completed',
  'ahead',
  'on_schedule',
  'behind',
  'postponed',
];
const PROBLEM_FIGURES = ['found', 'rectified', 'closed', 'open', 'overdue'] as const;
const RATING_GRADES = ['satisfied', 'basically_satisfied', 'dissatisfied'];

/** "84.50" → "84.50%"; null → "—". */
export function percent(rate: Rate): string {
  return rate === null ? '—' : `${rate}%`;
}

/** Whole yuan in 万元 with two decimals: 406000000 → "40,600.00". */
export function wan(yuan: number): string {
  return new Intl.NumberFormat(getLang() === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(yuan / 10_000);
}

const num = (label: string): Column => ({ label, class: 'num' });

function Section({
  id,
  title,
  wide = false,
  children,
}: {
  id: string;
  title: string;
  wide?: boolean;
  children: ComponentChildren;
}) {
  return (
    <section
      class="bulletin-section"
      data-testid={`bulletin-${id}`}
      aria-labelledby={`bulletin-${id}-title`}
    >
      <h2 id={`bulletin-${id}-title`}>{title}</h2>
      <div class="card table-wrap">
        <table class={`table bulletin-table${wide ? ' table-wide' : ''}`}>{children}</table>
      </div>
    </section>
  );
}

function Projects({ b }: { b: Bulletin }) {
  const total = b.projects.total;
  return (
    <Section id="projects" title={t('bulletin.projects.title')}>
      <TableHead
        columns={[
          t('bulletin.col.level'),
          num(t('bulletin.col.projects')),
          num(t('bulletin.col.completed')),
          num(t('bulletin.col.rate')),
        ]}
      />
      <tbody>
        {b.projects.levels.map((r) => (
          <tr key={r.level}>
            <th scope="row">{r.level_label}</th>
            <td class="num">{r.total}</td>
            <td class="num">{r.completed}</td>
            <td class="num">{percent(r.rate)}</td>
          </tr>
        ))}
        <tr class="bulletin-total">
          <th scope="row">{t('bulletin.total')}</th>
          <td class="num" data-testid="bulletin-projects-total">
            {total.total}
          </td>
          <td class="num" data-testid="bulletin-projects-completed">
            {total.completed}
          </td>
          <td class="num" data-testid="bulletin-projects-rate">
            {percent(total.rate)}
          </td>
        </tr>
      </tbody>
    </Section>
  );
}

function Statuses({ b }: { b: Bulletin }) {
  return (
    <Section id="statuses" title={t('bulletin.statuses.title')}>
      <TableHead
        columns={[t('bulletin.col.level'), ...STATUS_ORDER.map((code) => num(t(`status.${code}`)))]}
      />
      <tbody>
        {b.statuses.levels.map((r) => (
          <tr key={r.level} data-level={r.level}>
            <th scope="row">{r.level_label}</th>
            {STATUS_ORDER.map((code) => (
              <td key={code} class="num" data-code={code}>
                {r[code]}
              </td>
            ))}
          </tr>
        ))}
        <tr class="bulletin-total">
          <th scope="row">{t('bulletin.total')}</th>
          {STATUS_ORDER.map((code) => (
            <td key={code} class="num" data-testid={`bulletin-status-${code}`}>
              {b.statuses.total[code]}
            </td>
          ))}
        </tr>
      </tbody>
    </Section>
  );
}

function Funds({ b }: { b: Bulletin }) {
  const total = b.funds.total;
  return (
    <Section id="funds" title={t('bulletin.funds.title')}>
      <TableHead
        columns={[
          t('bulletin.col.level'),
          num(t('bulletin.col.planned')),
          num(t('bulletin.col.released')),
          num(t('bulletin.col.spent')),
          num(t('bulletin.col.share')),
        ]}
      />
      <tbody>
        {b.funds.levels.map((r) => (
          <tr key={r.level} data-level={r.level}>
            <th scope="row">{r.level_label}</th>
            <td class="num">{wan(r.planned_yuan)}</td>
            <td class="num" data-code="released">
              {wan(r.released_yuan)}
            </td>
            <td class="num">{wan(r.spent_yuan)}</td>
            <td class="num" data-code="share">
              {percent(r.released_share)}
            </td>
          </tr>
        ))}
        <tr class="bulletin-total">
          <th scope="row">{t('bulletin.total')}</th>
          <td class="num">{wan(total.planned_yuan)}</td>
          <td class="num" data-testid="bulletin-released">
            {wan(total.released_yuan)}
          </td>
          <td class="num">{wan(total.spent_yuan)}</td>
          <td class="num" data-testid="bulletin-released-share">
            {percent(total.released_share)}
          </td>
        </tr>
      </tbody>
    </Section>
  );
}

function Problems({ b }: { b: Bulletin }) {
  const columns = PROBLEM_FIGURES.map((f) => num(t(`bulletin.col.${f}`)));
  return (
    <>
      <Section id="problems" title={t('bulletin.problems.title')}>
        <TableHead columns={columns} />
        <tbody>
          <tr>
            {PROBLEM_FIGURES.map((f) => (
              <td key={f} class="num" data-testid={`bulletin-problems-${f}`}>
                {b.problems.total[f]}
              </td>
            ))}
          </tr>
        </tbody>
      </Section>
      {b.problems.units.length > 0 && (
        <Section id="problem-units" title={t('bulletin.problemUnits.title')}>
          <TableHead columns={[t('bulletin.col.unit'), ...columns]} />
          <tbody>
            {b.problems.units.map((u) => (
              <tr key={u.unit_id ?? 'none'}>
                <th scope="row">{u.unit_name ?? t('bulletin.noUnit')}</th>
                {PROBLEM_FIGURES.map((f) => (
                  <td key={f} class="num">
                    {u[f]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Section>
      )}
    </>
  );
}

function Inspections({ b }: { b: Bulletin }) {
  return (
    <Section id="inspections" title={t('bulletin.inspections.title')}>
      <TableHead columns={[t('bulletin.col.kind'), num(t('bulletin.col.count'))]} />
      <tbody>
        {Object.entries(b.inspections.kinds).map(([kind, count]) => (
          <tr key={kind}>
            <th scope="row">{t(`field.kind.${kind}`)}</th>
            <td class="num">{count}</td>
          </tr>
        ))}
        <tr class="bulletin-total">
          <th scope="row">{t('bulletin.total')}</th>
          <td class="num" data-testid="bulletin-inspections-total">
            {b.inspections.total}
          </td>
        </tr>
      </tbody>
    </Section>
  );
}

function Deputies({ b }: { b: Bulletin }) {
  const reports = b.deputy_reports;
  const ratings = reports.ratings;
  const grades = [
    ...RATING_GRADES,
    ...Object.keys(ratings.grades).filter((g) => !RATING_GRADES.includes(g)),
  ];
  return (
    <>
      <Section id="deputy" title={t('bulletin.deputy.title')}>
        <TableHead
          columns={(['received', 'accepted', 'declined', 'replied'] as const).map((f) =>
            num(t(`bulletin.col.${f}`)),
          )}
        />
        <tbody>
          <tr>
            {(['received', 'accepted', 'declined', 'replied'] as const).map((f) => (
              <td key={f} class="num" data-testid={`bulletin-deputy-${f}`}>
                {reports[f]}
              </td>
            ))}
          </tr>
        </tbody>
      </Section>
      <Section id="ratings" title={t('bulletin.ratings.title')}>
        <TableHead
          columns={[
            ...grades.map((g) => num(t(`field.rating.${g}`))),
            num(t('bulletin.total')),
            num(t('bulletin.col.satisfaction')),
          ]}
        />
        <tbody>
          <tr>
            {grades.map((g) => (
              <td key={g} class="num">
                {ratings.grades[g] ?? 0}
              </td>
            ))}
            <td class="num">{ratings.total}</td>
            <td class="num" data-testid="bulletin-satisfaction">
              {percent(ratings.satisfaction_rate)}
            </td>
          </tr>
        </tbody>
      </Section>
    </>
  );
}

function ProjectList({ id, title, rows }: { id: string; title: string; rows: ListedProject[] }) {
  if (!rows.length) {
    return (
      <section class="bulletin-section" data-testid={`bulletin-${id}`}>
        <h2>{title}</h2>
        <p class="empty">{t('bulletin.none')}</p>
      </section>
    );
  }
  return (
    <Section id={id} title={title} wide>
      <TableHead
        columns={[
          t('bulletin.col.project'),
          t('bulletin.col.level'),
          t('bulletin.col.township'),
          t('bulletin.col.unit'),
          num(t('bulletin.col.progress')),
          { label: t('bulletin.col.reason'), class: 'col-note' },
        ]}
      />
      <tbody>
        {rows.map((p) => (
          <tr key={p.id} data-testid={`bulletin-${id}-row`}>
            <th scope="row">
              {p.name} <span class="mono muted">{p.code}</span>
            </th>
            <td>{p.level_label}</td>
            <td>{p.township_name ?? '—'}</td>
            <td>{p.unit_name ?? '—'}</td>
            <td class="num">{`${p.progress_pct}%`}</td>
            <td class="col-note">{p.reason || t('bulletin.noReason')}</td>
          </tr>
        ))}
      </tbody>
    </Section>
  );
}

export function BulletinTables({ bulletin }: { bulletin: Bulletin }) {
  return (
    <div class="bulletin-tables">
      <Projects b={bulletin} />
      <Statuses b={bulletin} />
      <Funds b={bulletin} />
      <Problems b={bulletin} />
      <Inspections b={bulletin} />
      <Deputies b={bulletin} />
      <ProjectList id="lagging" title={t('bulletin.lagging.title')} rows={bulletin.lagging} />
      <ProjectList id="postponed" title={t('bulletin.postponed.title')} rows={bulletin.postponed} />
    </div>
  );
}
