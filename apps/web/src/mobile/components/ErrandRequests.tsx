import { label } from '@wangge/rules';
import { Button, Dialog, List, TextArea, Toast } from 'antd-mobile';
import { useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ErrandRequest, ErrandRequestList } from '../../api/generated';
import { post } from '../api';
import { useGet } from '../hooks';
import { currentLang } from '../i18n/lang';
import { t } from '../i18n/zh';

/**
 * 居民申请: errands residents of my grids asked for in the resident app. 受理 opens the errand form
 * with the type and the resident's number filled in; 不受理 asks for the reason the resident reads.
 */
export function ErrandRequests() {
  const navigate = useNavigate();
  const lang = currentLang();
  const list = useGet<ErrandRequestList>('/api/errand-requests?state=requested&pageSize=50');
  const reason = useRef('');
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;

  const take = (r: ErrandRequest) => {
    const params = new URLSearchParams({
      request: r.id,
      version: String(r.version),
      type: r.type.code,
      applicant: r.applicantName,
      phone: r.requesterPhone ?? '',
      note: r.note,
    });
    navigate(`/errands/new?${params}`);
  };
  const decline = (r: ErrandRequest) => {
    reason.current = '';
    Dialog.confirm({
      title: t('declineRequest'),
      content: (
        <TextArea
          placeholder={t('declineReason')}
          rows={3}
          maxLength={500}
          onChange={(v) => {
            reason.current = v;
          }}
        />
      ),
      onConfirm: async () => {
        if (!reason.current.trim()) {
          Toast.show({ content: t('declineReason') });
          throw new Error('reason needed');
        }
        await post(`/api/errand-requests/${r.id}/actions/decline`, {
          version: r.version,
          reason: reason.current.trim(),
        });
        list.reload();
      },
    });
  };

  return (
    <List
      header={`${t('residentRequests')} · ${items.length}`}
      style={{ marginBottom: 12 }}
      data-testid="errand-requests"
    >
      {items.map((r) => (
        <List.Item
          key={r.id}
          data-testid="errand-request"
          description={
            <>
              <div>{r.note}</div>
              <div>
                {new Date(r.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { hour12: false })}
                {r.requesterPhone && (
                  <>
                    {' · '}
                    <a href={`tel:${r.requesterPhone}`}>{r.requesterPhone}</a>
                  </>
                )}
              </div>
              <div style={{ display: 'flex', gap: 8, marginTop: 6 }}>
                <Button size="small" color="primary" onClick={() => take(r)} data-testid="request-take">
                  {label('errandRequestAction', 'take', lang)}
                </Button>
                <Button size="small" onClick={() => decline(r)}>
                  {label('errandRequestAction', 'decline', lang)}
                </Button>
              </div>
            </>
          }
        >
          {r.type.name[lang]} · {r.applicantName}
        </List.Item>
      ))}
    </List>
  );
}
