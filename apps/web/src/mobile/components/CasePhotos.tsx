import { Button, ImageViewer, Toast } from 'antd-mobile';
import { useState } from 'react';
import { session } from '../api';
import { t } from '../i18n/zh';
import { AuthImage } from './AuthImage';

export interface CasePhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
  phase: 'before' | 'after';
}

async function blobUrl(src: string): Promise<string> {
  const res = await fetch(src, { headers: { authorization: `Bearer ${session.token() ?? ''}` } });
  if (!res.ok) throw new Error(`${res.status}`);
  return URL.createObjectURL(await res.blob());
}

/**
 * A case's photos captioned 处置前 and 处置后, so that the worker verifying compares the problem
 * with its handling; a tap enlarges (the originals are fetched with the device token, as <img>
 * cannot send it).
 */
export function CasePhotos({ photos }: { photos: CasePhoto[] }) {
  const [viewer, setViewer] = useState<{ urls: string[]; index: number } | null>(null);
  const open = async (shown: CasePhoto[], index: number) => {
    try {
      setViewer({ urls: await Promise.all(shown.map((p) => blobUrl(p.url))), index });
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof Error ? e.message : String(e) });
    }
  };
  const close = () => {
    for (const url of viewer?.urls ?? []) URL.revokeObjectURL(url);
    setViewer(null);
  };
  return (
    <>
      {(['before', 'after'] as const).map((phase) => {
        const shown = photos.filter((p) => p.phase === phase);
        if (!shown.length) return null;
        return (
          <div key={phase} className="m-card" data-testid={`photos-${phase}`}>
            <div className="m-muted" style={{ marginBottom: 6 }}>
              {t(phase)}
            </div>
            <div className="m-photos">
              {shown.map((p, i) => (
                <button
                  key={p.id}
                  type="button"
                  className="m-plain"
                  data-testid="case-photo"
                  onClick={() => void open(shown, i)}
                >
                  <AuthImage src={p.thumbnailUrl} className="m-photo" />
                </button>
              ))}
            </div>
          </div>
        );
      })}
      <ImageViewer.Multi
        images={viewer?.urls ?? []}
        visible={viewer !== null}
        defaultIndex={viewer?.index ?? 0}
        onClose={close}
        renderFooter={() => (
          <div style={{ padding: '12px 16px' }}>
            <Button
              block
              fill="outline"
              className="m-viewer-close"
              data-testid="viewer-close"
              onClick={close}
            >
              {t('close')}
            </Button>
          </div>
        )}
      />
    </>
  );
}
