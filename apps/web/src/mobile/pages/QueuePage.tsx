import { Button, ErrorBlock, List, SwipeAction, Tag } from 'antd-mobile';
import { hhmm, useOnline, useQueue } from '../hooks';
import { t } from '../i18n/zh';
import { flushQueue, type QueueItem, removeItem, retryFailed } from '../queue';

function label(item: QueueItem): string {
  if (item.kind === 'case') return `${t('caseItem')} · ${item.payload.categoryName}`;
  if (item.kind === 'action') return `${t('actionItem')} · ${item.payload.caseCode} ${item.payload.action}`;
  return t('positionsItem', { n: item.payload.fixes.length });
}

function photoCount(item: QueueItem): number {
  if (item.kind === 'case') return item.payload.photos.length + item.payload.afterPhotos.length;
  if (item.kind === 'action') return item.payload.photos.length;
  return 0;
}

export function QueuePage() {
  const items = useQueue();
  const online = useOnline();
  const waiting = items.filter((i) => !i.failed);
  const failed = items.filter((i) => i.failed);
  const count = (kind: QueueItem['kind']) => waiting.filter((i) => i.kind === kind).length;
  return (
    <div data-testid="queue">
      <div className="m-title">
        {t('queue')} <span data-testid="queue-count">{waiting.length}</span>
      </div>
      <div className="m-card">
        <div className="m-stats">
          <div className="m-stat">
            <b>{count('case')}</b>
            <span>{t('caseItem')}</span>
          </div>
          <div className="m-stat">
            <b>{count('action')}</b>
            <span>{t('actionItem')}</span>
          </div>
          <div className="m-stat">
            <b>{count('positions')}</b>
            <span>轨迹批次</span>
          </div>
        </div>
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
                  description={`${t('madeAt')} ${hhmm(item.createdAt)}${
                    item.lon !== undefined && item.lat !== undefined
                      ? ` · ${item.lon.toFixed(5)}, ${item.lat.toFixed(5)}`
                      : ''
                  }${photoCount(item) ? ` · 照片 ${photoCount(item)}` : ''}${item.lastError ? ` · ${item.lastError}` : ''}`}
                  extra={
                    item.failed ? (
                      <Button size="small" color="warning" onClick={() => void retryFailed(item.id!)}>
                        {t('retry')}
                      </Button>
                    ) : undefined
                  }
                >
                  {label(item)} {item.failed && <Tag color="danger">{t('failed')}</Tag>}
                </List.Item>
              </SwipeAction>
            ))}
          </List>
          {failed.length > 0 && (
            <div className="m-muted" style={{ marginTop: 8 }}>
              左滑可删除发送失败的记录
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
    </div>
  );
}
