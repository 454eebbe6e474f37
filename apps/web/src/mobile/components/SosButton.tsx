import { Button, Dialog, Toast } from 'antd-mobile';
import { useState } from 'react';
import { currentPosition } from '../hooks';
import { t } from '../i18n/zh';
import { enqueue } from '../queue';

/**
 * 一键求助: one tap and a confirm send the worker's position as an SOS through the offline queue,
 * so a call made without a connection goes out the moment there is one.
 */
export function SosButton() {
  const [busy, setBusy] = useState(false);
  const sos = async () => {
    const confirmed = await Dialog.confirm({
      content: t('sosConfirm'),
      confirmText: t('send'),
      cancelText: t('cancel'),
    });
    if (!confirmed) return;
    setBusy(true);
    try {
      const here = await currentPosition(8_000).catch(() => null);
      if (!here) {
        Toast.show({ icon: 'fail', content: t('sosNoPosition') });
        return;
      }
      await enqueue({
        kind: 'sos',
        lon: here.lon,
        lat: here.lat,
        payload: { lon: here.lon, lat: here.lat, accuracy: here.accuracy, at: new Date().toISOString() },
      });
      Toast.show({ icon: 'success', content: navigator.onLine ? t('sosSent') : t('sosQueued') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button block color="danger" size="large" loading={busy} onClick={sos} data-testid="sos-button">
      {t('sos')}
    </Button>
  );
}
