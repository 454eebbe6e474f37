import { ALERT_SEVERITY, type AlertKind } from '@wangge/rules';
import { useEffect, useRef } from 'react';
import { ALERT_EVENT, type AlertItem } from '../../api/alerts';

/** A short two-tone chime (an SOS three times), made with Web Audio: no sound file to ship. */
function chime(context: AudioContext, repeats: number): void {
  const start = context.currentTime;
  for (let i = 0; i < repeats * 2; i++) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = i % 2 === 0 ? 880 : 660;
    gain.gain.setValueAtTime(0.2, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.18 + 0.16);
    osc.connect(gain).connect(context.destination);
    osc.start(start + i * 0.18);
    osc.stop(start + i * 0.18 + 0.17);
  }
}

/**
 * Calls `onAlert` for every alert the live socket delivers and, when `sound` is on, plays a
 * chime (an SOS louder and longer). For the alerts page and the command centre's feed.
 */
export function useAlertSound(options: { sound: boolean; onAlert?: (alert: AlertItem) => void }): void {
  const context = useRef<AudioContext | null>(null);
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const listener = (event: Event) => {
      const alert = (event as CustomEvent<AlertItem>).detail;
      latest.current.onAlert?.(alert);
      if (!latest.current.sound || typeof AudioContext === 'undefined') return;
      context.current ??= new AudioContext();
      chime(context.current, ALERT_SEVERITY[alert.kind as AlertKind] >= 3 ? 3 : 1);
    };
    window.addEventListener(ALERT_EVENT, listener);
    return () => window.removeEventListener(ALERT_EVENT, listener);
  }, []);
}
