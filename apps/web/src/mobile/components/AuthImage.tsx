import { useEffect, useState } from 'react';
import { session } from '../api';

/** An image behind the API: <img src> cannot send the device token, so it is fetched as a Blob. */
export function AuthImage(props: { src: string; className?: string; alt?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let alive = true;
    void fetch(props.src, { headers: { authorization: `Bearer ${session.token() ?? ''}` } })
      .then((r) => (r.ok ? r.blob() : null))
      .then((blob) => {
        if (!blob || !alive) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [props.src]);
  return url ? (
    <img className={props.className} src={url} alt={props.alt ?? ''} />
  ) : (
    <div className={props.className} />
  );
}
