import { label } from '@wangge/rules';
import { Steps } from 'antd-mobile';
import { getLang, t } from '../i18n';

export interface TimelineEntry {
  phase: string;
  at: string;
  publicNote: string | null;
  reopened: boolean;
}

/** A report's public timeline: phases and the notes staff published, nothing internal. */
export function PublicTimeline({ entries }: { entries: TimelineEntry[] }) {
  const lang = getLang();
  const when = (at: string) => new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { hour12: false });
  return (
    <Steps direction="vertical">
      {entries.map((e, i) => (
        <Steps.Step
          // biome-ignore lint/suspicious/noArrayIndexKey: timeline entries have no id and never reorder.
          key={i}
          status="finish"
          title={
            e.reopened
              ? `${t('reopenedStep')} · ${label('publicPhase', e.phase, lang)}`
              : label('publicPhase', e.phase, lang)
          }
          description={[when(e.at), e.publicNote].filter(Boolean).join(' · ')}
        />
      ))}
    </Steps>
  );
}
