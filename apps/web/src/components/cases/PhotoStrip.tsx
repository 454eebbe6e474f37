import './cases.css';
import { Image } from 'antd';
import type { Photo } from '../../api/types';

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
