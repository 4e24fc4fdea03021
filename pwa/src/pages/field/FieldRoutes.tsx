/** The field app's routes (under /field), each screen with the sync bar; see app.tsx. */
import { useEffect } from 'preact/hooks';
import type { User } from '../../api';
import { t } from '../../i18n';
import { matchRoute, navigate } from '../../lib/router';
import { useSync } from '../../lib/sync-context';
import { fieldHome } from '../../lib/roles';
import { FieldHome } from './FieldHome';
import { FieldProject } from './FieldProject';
import { InspectionCapture } from './InspectionCapture';
import { UnitIssue, UnitIssues } from './UnitIssues';
import { DeputyReports } from './DeputyReports';

/** The paths this module answers. */
export const isFieldPath = (path: string) => path === '/field' || path.startsWith('/field/');

export function FieldRoutes({
  user,
  path,
  search = '',
}: {
  user: User;
  path: string;
  search?: string;
}) {
  const sync = useSync();
  const { activate } = sync;
  useEffect(() => activate(), [activate]);
  if (matchRoute('/field', path)) {
    if (user.role === 'unit' || user.role === 'deputy') {
      navigate(fieldHome(user) ?? '/projects', { replace: true });
      return null;
    }
    return <FieldHome user={user} />;
  }
  const project = matchRoute('/field/projects/:id', path);
  if (project)
    return <FieldProject key={project.id} id={project.id!} user={user} search={search} />;
  const inspection = matchRoute('/field/inspections/:id', path);
  if (inspection) return <InspectionCapture key={inspection.id} id={inspection.id!} user={user} />;
  if (matchRoute('/field/issues', path)) return <UnitIssues user={user} />;
  const issue = matchRoute('/field/issues/:id', path);
  if (issue) return <UnitIssue key={issue.id} id={issue.id!} user={user} />;
  if (matchRoute('/field/reports', path)) return <DeputyReports user={user} />;
  return (
    <section class="page" data-testid="not-found">
      <h1>{t('common.notFound')}</h1>
    </section>
  );
}
