import { Toast } from 'antd-mobile';
import { currentPosition } from './hooks';
import { t } from './i18n/zh';
import { type RunningVisit, visit } from './visit';

/** Starts a visit of a household unless one is under way; the place follows when the phone knows it. */
export function beginVisit(target: Omit<RunningVisit, 'startedAt' | 'lon' | 'lat'>): boolean {
  const running = visit.current();
  if (running) {
    Toast.show({ content: t('visitBusy', { label: running.label }) });
    return false;
  }
  visit.start(target);
  void currentPosition(10_000)
    .then((p) => visit.place(p.lon, p.lat))
    .catch(() => undefined);
  return true;
}
