import { Alert, Empty, Skeleton, Timeline, Typography } from 'antd';
import { type RegisterEntity, useRegisterEvents } from '../../api/registers';
import type { Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useRegisterLabels } from './labels';

const COLORS: Record<string, string> = {
  created: 'green',
  moved_out: 'orange',
  died: 'gray',
  deregistered: 'gray',
  retired: 'gray',
  group_opened: 'red',
  group_closed: 'gray',
};

/** Changes worth showing in one line; ids are left out. */
function describe(changes: Record<string, unknown> | null): string {
  if (!changes) return '';
  return Object.entries(changes)
    .filter(([key, value]) => value !== null && value !== undefined && !/id$/i.test(key))
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

/** History of a register entity (oldest first from the API, shown newest first). */
export function EventTimeline({ entity, id }: { entity: RegisterEntity; id: Id }) {
  const { t, dateTime } = useI18n();
  const labels = useRegisterLabels();
  const { data, isPending, error } = useRegisterEvents(entity, id);
  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (data.length === 0) return <Empty description={t('reg.person.historyEmpty')} />;
  return (
    <div data-testid="register-history">
      <Timeline
        items={[...data].reverse().map((event) => ({
          key: event.id,
          color: COLORS[event.kind] ?? 'blue',
          content: (
            <div data-kind={event.kind}>
              <Typography.Text strong>{labels.event(event.kind)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {event.effectiveDate ? t('reg.event.effective', { date: event.effectiveDate }) : ''} ·{' '}
                {event.actor ?? '—'} · {dateTime(event.at)}
              </Typography.Text>
              {describe(event.changes) && <div className="reg-event-changes">{describe(event.changes)}</div>}
            </div>
          ),
        }))}
      />
    </div>
  );
}
