import { Button, ErrorBlock, List, SwipeAction, Tag } from 'antd-mobile';
import { PageBar } from '../components/PageBar';
import { hhmm, useOnline, useQueue, useSentLog } from '../hooks';
import { t } from '../i18n/zh';
import { flushQueue, removeItem, retryFailed } from '../queue';
import type { QueueItem, QueueKind } from '../queue-items';
import { itemDetail, itemLabel, kindLabel, photoCount } from '../queue-labels';

function describe(item: QueueItem): string {
  const parts = [`${t('madeAt')} ${hhmm(item.createdAt)}`];
  if (item.lon !== undefined && item.lat !== undefined) {
    parts.push(`${item.lon.toFixed(5)}, ${item.lat.toFixed(5)}`);
  }
  if (photoCount(item)) parts.push(t('photoCount', { n: photoCount(item) }));
  const detail = itemDetail(item);
  if (detail) parts.push(detail);
  if (item.attempts) parts.push(t('attempts', { n: item.attempts }));
  return parts.join(' · ');
}

export function QueuePage() {
  const items = useQueue();
  const online = useOnline();
  const waiting = items.filter((i) => !i.failed);
  const failed = items.filter((i) => i.failed);
  const sent = useSentLog();
  const kinds = [...new Set(waiting.map((i) => i.kind))] as QueueKind[];
  return (
    <div data-testid="queue">
      <PageBar>
        {t('queue')} <span data-testid="queue-count">{waiting.length}</span>
      </PageBar>
      <div className="m-card">
        <div className="m-muted">{t('queueHelp')}</div>
        {kinds.length > 0 && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 8 }} data-testid="queue-kinds">
            {kinds.map((k) => (
              <Tag key={k} color="warning" fill="outline">
                {kindLabel(k)} {waiting.filter((i) => i.kind === k).length}
              </Tag>
            ))}
          </div>
        )}
      </div>
      {items.length === 0 ? (
        <ErrorBlock status="empty" title={t('nothingWaiting')} description="" />
      ) : (
        <>
          <List>
            {items.map((item) => (
              <SwipeAction
                key={item.id}
                rightActions={[
                  {
                    key: 'del',
                    text: t('discard'),
                    color: 'danger',
                    onClick: () => void removeItem(item.id!),
                  },
                ]}
              >
                <List.Item
                  data-testid="queue-item"
                  data-kind={item.kind}
                  description={
                    <>
                      {describe(item)}
                      {item.lastError && (
                        <div style={{ color: item.failed ? '#ff4d4f' : '#d46b08' }}>
                          {t('lastError')}：{item.lastError}
                        </div>
                      )}
                    </>
                  }
                  extra={
                    item.failed ? (
                      <Button size="small" color="warning" onClick={() => void retryFailed(item.id!)}>
                        {t('retry')}
                      </Button>
                    ) : undefined
                  }
                >
                  {itemLabel(item)} {item.failed && <Tag color="danger">{t('failed')}</Tag>}
                </List.Item>
              </SwipeAction>
            ))}
          </List>
          {failed.length > 0 && (
            <div className="m-muted" style={{ marginTop: 8 }}>
              {t('swipeToDelete')}
            </div>
          )}
          <Button
            block
            size="large"
            className="m-big-btn"
            style={{ marginTop: 12 }}
            disabled={!online}
            onClick={() => void flushQueue()}
          >
            {t('sendNow')}
          </Button>
        </>
      )}
      {sent.length > 0 && (
        <List header={t('recentlySent')} style={{ marginTop: 12 }} data-testid="queue-sent">
          {sent.slice(0, 10).map((n) => (
            <List.Item key={n.key} extra={hhmm(n.at)} description={n.ref}>
              {n.label}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
