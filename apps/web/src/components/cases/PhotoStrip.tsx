import './cases.css';
import { Image } from 'antd';
import type { CasePhoto, Photo } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

/** Thumbnails; a click opens the original. */
export function PhotoStrip({ photos, size = 72 }: { photos: Photo[]; size?: number }) {
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <div className="photo-strip" data-testid="photo-strip">
        {photos.map((photo) => (
          <Image
            key={photo.id}
            src={photo.thumbnailUrl}
            width={size}
            height={size}
            preview={{ src: photo.url }}
            className="photo-thumb"
            alt=""
          />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

/** A case's photos in two captioned rows, 处置前 and 处置后, so the verifier compares them. */
export function PhasedPhotos({ photos }: { photos: CasePhoto[] }) {
  const { t } = useI18n();
  const rows = [
    { phase: 'before', title: t('case.beforePhotos') },
    { phase: 'after', title: t('case.afterPhotos') },
  ] as const;
  return rows.map(({ phase, title }) => {
    const shown = photos.filter((p) => p.phase === phase);
    return shown.length === 0 ? null : (
      <div key={phase} className="photo-phase" data-testid={`photos-${phase}`}>
        <div className="photo-phase-title">{title}</div>
        <PhotoStrip photos={shown} />
      </div>
    );
  });
}
