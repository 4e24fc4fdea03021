/**
 * A problem's photos grouped and labelled by stage, before beside after: 代表 / 发现 on the left,
 * 整改 / 复核 on the right (stacked below 340 px), each photo with its time ("现场 … · 同步 …"
 * when the server got it more than an hour later) and its evidence flags. The same view on every
 * page where the problem is judged: the office's problem page, the unit's, the inspector's 复核,
 * the deputy's report. Each stage's photos are a grid of thumbnails; a tap opens one full size.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { photoUrl } from '../api/issues';
import { t } from '../i18n';
import { groupByStage, type StageGroup, type StagePhoto } from '../lib/stage-photos';
import { fieldTime } from '../lib/times';
import { FlagList } from './PhotoFlags';
import '../styles/photos.css';

type Image = (photo: StagePhoto) => ComponentChildren;

function Group({ group, image }: { group: StageGroup; image: Image }) {
  return (
    <section
      class={`stage-group stage-${group.stage}`}
      data-testid="stage-group"
      data-stage={group.stage}
      data-count={group.photos.length}
    >
      <h4 title={t(`photos.stageLong.${group.stage}`)}>
        <span class="stage-label">{t(`photos.stage.${group.stage}`)}</span>{' '}
        <span class="count">{group.photos.length}</span>
      </h4>
      <ul class="stage-list">
        {group.photos.map((p) => (
          <li key={p.id} class="stage-photo" data-testid="stage-photo" data-id={p.id}>
            {image(p)}
            <span class="stage-photo-time" data-testid="stage-photo-time">
              {p.takenAt || p.receivedAt ? fieldTime(p.takenAt, p.receivedAt, p.clockSkew) : ''}
              {p.pending ? ` · ${t('photos.pending')}` : ''}
            </span>
            <FlagList flags={p.flags} ok={!p.pending && p.status !== 'pending'} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StagePhotos({
  photos,
  image,
  testid = 'stage-photos',
  title = true,
}: {
  photos: readonly StagePhoto[];
  image: Image;
  testid?: string;
  /** Show the heading with the count (off where the page has its own). */
  title?: boolean;
}) {
  const { before, after } = groupByStage(photos);
  const shown = [...before, ...after].reduce((n, g) => n + g.photos.length, 0);
  return (
    <section class="stage-photos" data-testid={testid} data-count={shown}>
      {title && (
        <h3 class="stage-photos-title">
          {shown ? t('photos.title', { n: shown }) : t('photos.none')}
        </h3>
      )}
      {shown > 0 && (
        <div class="stage-columns">
          <div class="stage-col stage-before" data-testid="stage-before">
            <p class="stage-col-head">{t('photos.before')}</p>
            {before.length ? (
              before.map((g) => <Group key={g.stage} group={g} image={image} />)
            ) : (
              <p class="muted">{t('photos.none')}</p>
            )}
          </div>
          <div class="stage-col stage-after" data-testid="stage-after">
            <p class="stage-col-head">{t('photos.after')}</p>
            {after.length ? (
              after.map((g) => <Group key={g.stage} group={g} image={image} />)
            ) : (
              <p class="muted">{t('photos.noAfter')}</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

/** A photo the server holds: its thumbnail in the grid, opening full size on the page. */
export function ServerImage(photo: StagePhoto) {
  return <PhotoThumb id={photo.id} label={t(`photos.stage.${photo.stage}`)} />;
}

function PhotoThumb({ id, label }: { id: string; label: string }) {
  const [open, setOpen] = useState(false);
  const full = photoUrl(id, 'display');
  return (
    <>
      <a
        href={full}
        target="_blank"
        rel="noopener"
        class="photo-thumb-link"
        aria-label={t('photos.openFull', { stage: label })}
        data-testid="photo-open"
        onClick={(e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey) return; // a new tab, as asked
          e.preventDefault();
          setOpen(true);
        }}
      >
        <img src={photoUrl(id, 'thumb')} alt="" loading="lazy" width={160} height={120} />
      </a>
      {open && <PhotoViewer src={full} label={label} onClose={() => setOpen(false)} />}
    </>
  );
}

/** One photo at full size over the page (a modal dialog): tap, ✕ or Esc closes it. */
export function PhotoViewer({
  src,
  label,
  onClose,
}: {
  src: string;
  label: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && typeof el.showModal === 'function' && !el.open) el.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="photo-viewer"
      aria-label={label}
      data-testid="photo-viewer"
      onClose={onClose}
      onClick={onClose}
    >
      <img src={src} alt={label} data-testid="photo-viewer-image" />
      <button
        type="button"
        class="photo-viewer-close"
        aria-label={t('photos.closeFull')}
        data-testid="photo-viewer-close"
        onClick={onClose}
      >
        ✕
      </button>
    </dialog>
  );
}

type Source = { id: string; deputy: { name: string } | null } | null | undefined;

/** "来自人大代表 X 的反映" */
export function sourceReportText(source: NonNullable<Source>): string {
  const name = source.deputy?.name;
  return name ? t('photos.fromReport', { name }) : t('photos.fromReportAnon');
}

/** "来自人大代表 X 的反映", for a problem made from a deputy's report (a line, or inline). */
export function SourceReportNote({ source, inline }: { source: Source; inline?: boolean }) {
  if (!source) return null;
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag class="source-report" data-testid="source-report" data-report={source.id}>
      {sourceReportText(source)}
    </Tag>
  );
}
