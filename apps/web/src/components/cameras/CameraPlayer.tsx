import { Alert } from 'antd';
import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';

/**
 * A camera's live stream in a <video>: HLS through hls.js (MediaSource), or natively where the
 * browser plays HLS itself (Safari, WeChat on iOS). Test hooks: data-testid="camera-video",
 * data-manifest="loaded" once the manifest is parsed, data-fragments = fragments loaded.
 */
export function CameraPlayer({ url }: { url: string | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const video = ref.current;
    if (!video || !url) return;
    setFailed(false);
    video.dataset.manifest = 'pending';
    video.dataset.fragments = '0';
    const play = () => void video.play().catch(() => {});
    if (Hls.isSupported()) {
      const hls = new Hls({ enableWorker: false, lowLatencyMode: false });
      let fragments = 0;
      hls.on(Hls.Events.MANIFEST_PARSED, () => {
        video.dataset.manifest = 'loaded';
        play();
      });
      hls.on(Hls.Events.FRAG_LOADED, () => {
        fragments++;
        video.dataset.fragments = String(fragments);
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) setFailed(true);
      });
      hls.loadSource(url);
      hls.attachMedia(video);
      return () => hls.destroy();
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      video.addEventListener('loadedmetadata', () => {
        video.dataset.manifest = 'loaded';
        play();
      });
      return () => {
        video.removeAttribute('src');
        video.load();
      };
    }
    setFailed(true);
  }, [url]);

  if (!url) return <Alert type="info" showIcon title={t('camera.noStream')} />;
  return (
    <>
      {failed && <Alert type="error" showIcon title={t('camera.streamError')} style={{ marginBottom: 8 }} />}
      <video
        ref={ref}
        data-testid="camera-video"
        muted
        loop
        playsInline
        controls
        style={{ width: '100%', aspectRatio: '16 / 9', background: '#000' }}
      />
    </>
  );
}
