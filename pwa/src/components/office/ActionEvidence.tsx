/**
 * What the office judges 复核 and 销号 by, inside their forms: for 复核 the warning flags of the
 * unit's rectification photos and the check photos it will cite (none yet: check on site with
 * the phone); for 销号 the flags of the rectification and check photos, which make a reason
 * necessary.
 */
import { t } from '../../i18n';
import { Link } from '../../lib/router';
import { warningFlags, type PhotoFlag, type StagePhoto } from '../../lib/stage-photos';
import { FlagList } from '../PhotoFlags';

export function VerifyEvidence({
  issueId,
  photos,
  evidence,
}: {
  issueId: string;
  photos: readonly StagePhoto[];
  evidence: readonly StagePhoto[];
}) {
  const flags = warningFlags(photos.filter((p) => p.stage === 'rectify'));
  return (
    <div data-testid="verify-evidence" data-count={evidence.length}>
      {flags.length > 0 && (
        <div class="close-flags" data-testid="verify-flags">
          <strong>{t('photos.flagsTitle')}</strong>
          <FlagList flags={flags} />
        </div>
      )}
      {evidence.length ? (
        <p class="hint">{t('photos.verify.cites', { n: evidence.length })}</p>
      ) : (
        <p class="warn-text" data-testid="verify-need-photo">
          {t('photos.verify.officeNeed')}{' '}
          <Link href={`/field/issues/${encodeURIComponent(issueId)}`}>
            {t('photos.verify.openField')}
          </Link>
        </p>
      )}
    </div>
  );
}

export function CloseFlags({ flags }: { flags: readonly PhotoFlag[] }) {
  if (!flags.length) return null;
  return (
    <div class="close-flags" data-testid="close-flags">
      <strong>{t('photos.close.flagged')}</strong>
      <FlagList flags={flags} testid="close-flag" />
    </div>
  );
}
