import { CameraOutline, CloseCircleFill } from 'antd-mobile-icons';
import { useEffect, useMemo } from 'react';
import { t } from './i18n/zh';

/** Camera first (capture=environment); each photo is kept as a Blob until it is sent. */
export function PhotoPicker(props: { files: File[]; onChange: (files: File[]) => void; testId?: string }) {
  const urls = useMemo(() => props.files.map((f) => URL.createObjectURL(f)), [props.files]);
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u);
    },
    [urls],
  );
  return (
    <div className="m-photos">
      {urls.map((url, i) => (
        <div key={url} style={{ position: 'relative' }}>
          <img className="m-photo" src={url} alt="" />
          <CloseCircleFill
            style={{ position: 'absolute', top: -6, right: -6, fontSize: 22, color: '#ff4d4f' }}
            onClick={() => props.onChange(props.files.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <label className="m-photo-add">
        <CameraOutline fontSize={28} />
        {t('takePhoto')}
        <input
          data-testid={props.testId}
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          onChange={(e) => {
            const picked = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (picked.length) props.onChange([...props.files, ...picked].slice(0, 9));
          }}
        />
      </label>
    </div>
  );
}
