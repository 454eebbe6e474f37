import { label } from '@wangge/rules';
import { Button, Form, Input, List, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Appeal, AppealList } from '../../api/generated';
import { call, post } from '../api';
import { PageBar } from '../components/PageBar';
import { useGet } from '../hooks';
import { currentLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { PhotoPicker } from '../PhotoPicker';

// The counts a worker most often contests, with the kind of event each counts.
const COUNTS: { count: string; kind: Appeal['event']['kind'] }[] = [
  { count: 'grid.cases_reported_by_others', kind: 'case' },
  { count: 'grid.cases_red', kind: 'case' },
  { count: 'confirm.ended', kind: 'case' },
  { count: 'verify.ended', kind: 'case' },
  { count: 'reports.total', kind: 'case' },
  { count: 'inspections.due', kind: 'inspection' },
];
const STATE_COLOR: Record<string, string> = { submitted: 'warning', upheld: 'success', overturned: 'danger' };

const upload = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name || 'photo.jpg');
  return call<{ id: string }>('POST', '/api/attachments', { body: form });
};

/** 考核申诉: contest one item counted against me, with a reason and photos; my appeals below. */
export function AppealPage() {
  const [params] = useSearchParams();
  const lang = currentLang();
  const mine = useGet<AppealList>('/api/assessment/appeals?mine=true');
  const [count, setCount] = useState(params.get('count') ?? COUNTS[0]!.count);
  const [eventId, setEventId] = useState(params.get('id') ?? '');
  const [reason, setReason] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const kind = COUNTS.find((c) => c.count === count)?.kind ?? 'case';

  const submit = async () => {
    if (!/^[1-9]\d{0,17}$/.test(eventId.trim())) {
      Toast.show(t('appealEventNeeded'));
      return;
    }
    if (!reason.trim()) {
      Toast.show(t('appealReasonNeeded'));
      return;
    }
    setBusy(true);
    try {
      const attachmentIds = [];
      for (const file of photos) attachmentIds.push((await upload(file)).id);
      await post<Appeal>('/api/assessment/appeals', {
        eventKind: kind,
        eventId: eventId.trim(),
        countName: count,
        reason: reason.trim(),
        attachmentIds,
      });
      Toast.show({ icon: 'success', content: t('appealFiled') });
      setReason('');
      setEventId('');
      setPhotos([]);
      mine.reload();
    } catch (error) {
      Toast.show((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="m-appeal">
      <PageBar back="/">{t('appealTitle')}</PageBar>
      <Form layout="vertical">
        <Form.Item label={t('appealCount')}>
          <Selector
            columns={2}
            value={[count]}
            onChange={(v) => v[0] && setCount(v[0])}
            options={COUNTS.map((c) => ({ value: c.count, label: label('eventCount', c.count, lang) }))}
          />
        </Form.Item>
        <Form.Item label={t('appealEventId')} help={t('appealEventHelp')}>
          <Input value={eventId} onChange={setEventId} inputMode="numeric" data-testid="m-appeal-event" />
        </Form.Item>
        <Form.Item label={t('appealReason')}>
          <TextArea
            rows={4}
            maxLength={2000}
            value={reason}
            onChange={setReason}
            data-testid="m-appeal-reason"
          />
        </Form.Item>
        <Form.Item label={t('appealPhotos')}>
          <PhotoPicker files={photos} onChange={setPhotos} testId="m-appeal-photos" />
        </Form.Item>
      </Form>
      <div style={{ padding: 12 }}>
        <Button block color="primary" loading={busy} onClick={submit} data-testid="m-appeal-submit">
          {t('appealSubmit')}
        </Button>
      </div>
      <List header={t('myAppeals')} data-testid="m-appeal-list">
        {(mine.data?.items ?? []).map((a) => (
          <List.Item
            key={a.id}
            description={`${label('eventCount', a.countName, lang)} · ${a.reason}${a.decision?.reason ? ` — ${a.decision.reason}` : ''}`}
            extra={<Tag color={STATE_COLOR[a.state]}>{label('appealState', a.state, lang)}</Tag>}
          >
            {a.event.code ?? a.event.id} {a.event.title}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
