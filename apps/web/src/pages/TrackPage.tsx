import { CaretRightOutlined, DownloadOutlined, PauseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  InputNumber,
  List,
  Segmented,
  Slider,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useConfig } from '../api/auth';
import { api, withQuery } from '../api/client';
import type { WorkerDay } from '../api/generated';
import { ACTIVITY_COLOURS, TrackMap } from '../components/map/TrackMap';
import { UserPicker } from '../components/UserPicker';
import { useI18n } from '../i18n/useI18n';
import { usePlayback } from '../map/playback';

export type { WorkerDay } from '../api/generated';

const SPEEDS = [1, 4, 16, 64] as const;
const hm = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
// The server's days are China Standard Time days, so the clock on this page is too, wherever the browser is.
const CST_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const clock = (ms: number) => CST_CLOCK.format(ms);
const cstToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 轨迹回放: a worker's day on the map, played at 1×–64× with stops and totals; GPX download. */
export default function TrackPage() {
  const { t, number } = useI18n();
  const config = useConfig();
  const [params, setParams] = useSearchParams();
  const userId = params.get('user') ?? undefined;
  const date = params.get('date') ?? cstToday();
  // Stop detection: stayed ≥ N minutes within R metres (empty: the server's configured defaults).
  const stopMinutes = params.get('stopMin') ?? undefined;
  const stopRadiusM = params.get('stopR') ?? undefined;
  const set = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const day = useQuery({
    queryKey: ['patrol', 'track', userId, date, stopMinutes, stopRadiusM],
    queryFn: () => api.get<WorkerDay>('/api/patrol/tracks', { userId, date, stopMinutes, stopRadiusM }),
    enabled: Boolean(userId),
  });
  const points = useMemo(
    () =>
      (day.data?.track.features ?? []).flatMap((f) =>
        f.geometry.coordinates.map(([lon, lat], i) => ({ at: f.properties.times[i]!, lon, lat })),
      ),
    [day.data],
  );
  const playback = usePlayback(points);
  const totals = day.data?.totals;

  return (
    <div className="track-page" data-testid="track-page">
      <div className="map-toolbar">
        <Space wrap>
          <Typography.Text strong>{t('track.title')}</Typography.Text>
          <UserPicker value={userId} onChange={(id) => set('user', id)} placeholder={t('track.pickWorker')} />
          <DatePicker
            value={dayjs(date)}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') > cstToday()}
            onChange={(d) => set('date', d?.format('YYYY-MM-DD'))}
            data-testid="track-date"
          />
          <Space.Compact>
            <InputNumber
              min={1}
              max={240}
              value={
                stopMinutes ? Number(stopMinutes) : day.data?.stopRule && day.data.stopRule.minStayS / 60
              }
              onChange={(v) => set('stopMin', v ? String(v) : undefined)}
              addonBefore={t('track.stopRule')}
              addonAfter={t('track.stopMinutesUnit')}
              style={{ width: 190 }}
              data-testid="track-stop-minutes"
            />
            <InputNumber
              min={5}
              max={2000}
              value={stopRadiusM ? Number(stopRadiusM) : day.data?.stopRule?.radiusM}
              onChange={(v) => set('stopR', v ? String(v) : undefined)}
              addonAfter="m"
              style={{ width: 110 }}
              data-testid="track-stop-radius"
            />
          </Space.Compact>
          {userId && (
            <Button
              icon={<DownloadOutlined />}
              href={withQuery('/api/patrol/tracks.gpx', { userId, date })}
              data-testid="track-gpx"
            >
              GPX
            </Button>
          )}
        </Space>
      </div>
      {!userId && <Alert type="info" showIcon message={t('track.pickWorkerHint')} />}
      {day.error && <Alert type="error" showIcon message={(day.error as Error).message} />}
      {userId && day.data && (
        <div className="track-body">
          <TrackMap
            day={day.data}
            tileUrl={config.data?.tileUrl ?? null}
            position={playback.position}
            follow={playback.playing}
          />
          <div className="track-side">
            <Card size="small" data-testid="track-player">
              {points.length === 0 ? (
                <Typography.Text type="secondary">{t('track.noFixes')}</Typography.Text>
              ) : (
                <>
                  <Space>
                    <Button
                      type="primary"
                      data-testid="track-play"
                      icon={playback.playing ? <PauseOutlined /> : <CaretRightOutlined />}
                      onClick={playback.toggle}
                    >
                      {playback.playing ? t('track.pause') : t('track.play')}
                    </Button>
                    <Segmented
                      value={playback.speed}
                      onChange={(v) => playback.setSpeed(Number(v))}
                      options={SPEEDS.map((s) => ({ label: `${s}×`, value: s }))}
                      data-testid="track-speed"
                    />
                  </Space>
                  <Slider
                    min={playback.start}
                    max={playback.end}
                    step={1000}
                    value={playback.time}
                    onChange={(v) => playback.seek(v)}
                    tooltip={{ formatter: (v) => (v === undefined ? '' : clock(v)) }}
                  />
                  <Typography.Text data-testid="track-clock">{clock(playback.time)}</Typography.Text>
                </>
              )}
            </Card>
            {totals && (
              <Descriptions size="small" column={1} bordered data-testid="track-totals">
                <Descriptions.Item label={t('track.distance')}>
                  {number(Math.round(totals.distanceM))} m
                </Descriptions.Item>
                <Descriptions.Item label={t('track.moving')}>{hm(totals.movingS)}</Descriptions.Item>
                <Descriptions.Item label={t('track.stopped')}>{hm(totals.stoppedS)}</Descriptions.Item>
                <Descriptions.Item label={t('track.outside')}>{hm(totals.outsideOwnGridS)}</Descriptions.Item>
                <Descriptions.Item label={t('track.visits')}>
                  {t('track.visitsValue', {
                    count: day.data.visits.count,
                    minutes: Math.round(day.data.visits.seconds / 60),
                    target: day.data.visits.targetMinutes,
                  })}
                </Descriptions.Item>
                <Descriptions.Item label={t('track.fixes')}>{number(day.data.fixes)}</Descriptions.Item>
              </Descriptions>
            )}
            <List
              size="small"
              header={t('track.stops', { count: day.data.stops.length })}
              dataSource={day.data.stops}
              data-testid="track-stops"
              renderItem={(s) => (
                <List.Item className="track-stop" onClick={() => playback.seek(Date.parse(s.from))}>
                  {clock(Date.parse(s.from))}–{clock(Date.parse(s.to))} ·{' '}
                  {t('track.minutes', { n: Math.round(s.durationS / 60) })}
                </List.Item>
              )}
            />
            <List
              size="small"
              header={t('track.activities', { count: day.data.activities?.length ?? 0 })}
              dataSource={day.data.activities ?? []}
              data-testid="track-activities"
              renderItem={(a) => (
                <List.Item className="track-activity" onClick={() => playback.seek(Date.parse(a.at))}>
                  {clock(Date.parse(a.at))}{' '}
                  <Tag color={ACTIVITY_COLOURS[a.kind]}>{t(`track.activity.${a.kind}`)}</Tag>
                  {a.label}
                </List.Item>
              )}
            />
          </div>
        </div>
      )}
    </div>
  );
}
