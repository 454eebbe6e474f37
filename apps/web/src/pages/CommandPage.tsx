import { FullscreenOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { COMMAND_MEASURES, type CommandMeasure, label } from '@wangge/rules';
import { Breadcrumb, Button, ConfigProvider, Segmented, theme } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useConfig } from '../api/auth';
import { useCameras } from '../api/cameras';
import {
  type FeedItem,
  type LiveWorker,
  useCommandCases,
  useCommandOverview,
  useCommandTrend,
  useLiveWorkers,
} from '../api/command';
import { useGridGeoJson } from '../api/grids';
import { CommandMap } from '../command/CommandMap';
import { EChart } from '../command/EChart';
import { KpiTiles } from '../command/KpiTiles';
import { useCommandSocket } from '../command/useCommandSocket';
import { WorkerCard } from '../command/WorkerCard';
import { CameraDrawer } from '../components/cameras/CameraDrawer';
import { useI18n } from '../i18n/useI18n';
import '../command/command.css';

const FEED_LENGTH = 30;
/** A case event in the feed refreshes the case pins, at most this often (they also poll each minute). */
const CASE_REFRESH_MS = 15_000;

/** 指挥中心大屏: one dark screen of the caller's scope, drilled down by clicking a child unit. */
export default function CommandPage() {
  const { t, lang, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? undefined;
  const [measure, setMeasure] = useState<CommandMeasure>('open');
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [moved, setMoved] = useState<Record<string, LiveWorker>>({});
  const [picked, setPicked] = useState<LiveWorker | null>(null);
  const [camera, setCamera] = useState<string | null>(null);
  const cameras = useCameras();
  const config = useConfig();
  const overview = useCommandOverview(unitId);
  const trend = useCommandTrend(unitId);
  const cases = useCommandCases(unitId);
  const queryClient = useQueryClient();
  const casesRefreshed = useRef(0);
  const live = useLiveWorkers(overview.data?.unit.id);
  const grids = useGridGeoJson(overview.data?.unit.id);
  const drill = useCallback((id: string) => setParams({ unit: id }), [setParams]);

  useCommandSocket({
    feed: (item) => {
      setFeed((list) => [item, ...list].slice(0, FEED_LENGTH));
      if (item.ref.type === 'case' && Date.now() - casesRefreshed.current > CASE_REFRESH_MS) {
        casesRefreshed.current = Date.now();
        void queryClient.invalidateQueries({ queryKey: ['command', 'cases'] });
      }
    },
    position: (m) => setMoved((all) => ({ ...all, [m.userId]: { ...m, at: String(m.at) } })),
  });
  const workers = useMemo(() => {
    const all = new Map((live.data?.items ?? []).map((w) => [w.userId, w]));
    for (const w of Object.values(moved)) if (all.has(w.userId) || w.gridId) all.set(w.userId, w);
    return [...all.values()];
  }, [live.data, moved]);

  const o = overview.data;
  const ranking = useMemo(
    () =>
      [...(o?.children ?? [])].sort((a, b) => (b.figures.closureRate ?? -1) - (a.figures.closureRate ?? -1)),
    [o],
  );
  const name = useCallback((zh: string, en: string) => (lang === 'zh' ? zh : en), [lang]);
  const trendOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('command.reported'), t('command.closed')], top: 0 },
      grid: { left: 36, right: 12, top: 28, bottom: 24 },
      xAxis: { type: 'category', data: (trend.data?.days ?? []).map((d) => d.day.slice(5)) },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('command.reported'),
          type: 'line',
          smooth: true,
          data: (trend.data?.days ?? []).map((d) => d.reported),
        },
        {
          name: t('command.closed'),
          type: 'line',
          smooth: true,
          data: (trend.data?.days ?? []).map((d) => d.closed),
        },
      ],
    }),
    [trend.data, t],
  );
  const categoryOption = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 110, right: 16, top: 8, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: (trend.data?.byCategory ?? []).slice(0, 8).map((c) => name(c.name, c.nameEn)),
      },
      series: [
        {
          type: 'bar',
          data: (trend.data?.byCategory ?? []).slice(0, 8).map((c) => c.count),
          itemStyle: { color: '#13c2c2' },
        },
      ],
    }),
    [trend.data, name],
  );
  const sourceOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: (trend.data?.bySource ?? []).map((s) => ({
            name: label('caseSource', s.source, lang),
            value: s.count,
          })),
        },
      ],
    }),
    [trend.data, lang],
  );
  const rankingOption = useMemo(
    () => ({
      tooltip: {},
      legend: { top: 0, data: [t('command.closureRate'), t('command.onTimeRate')] },
      grid: { left: 90, right: 16, top: 26, bottom: 20 },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', inverse: true, data: ranking.slice(0, 10).map((c) => c.name) },
      series: [
        {
          name: t('command.closureRate'),
          type: 'bar',
          data: ranking.slice(0, 10).map((c) => c.figures.closureRate ?? 0),
        },
        {
          name: t('command.onTimeRate'),
          type: 'bar',
          data: ranking.slice(0, 10).map((c) => c.figures.onTimeRate ?? 0),
        },
      ],
    }),
    [ranking, t],
  );

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div className="command-screen" data-testid="command-screen">
        <header className="command-header">
          <h1>{t('command.title')}</h1>
          <Breadcrumb
            data-testid="command-breadcrumb"
            items={(o?.breadcrumb ?? []).map((u, i, all) => ({
              title:
                i === all.length - 1 ? (
                  u.name
                ) : (
                  <Button type="link" size="small" onClick={() => drill(u.id)} data-unit={u.id}>
                    {u.name}
                  </Button>
                ),
            }))}
          />
          <span className="command-asof">{o ? dateTime(o.asOf) : ''}</span>
          <Button
            icon={<FullscreenOutlined />}
            onClick={() => void document.documentElement.requestFullscreen?.()}
            aria-label={t('command.fullscreen')}
          >
            {t('command.fullscreen')}
          </Button>
        </header>
        <section className="command-left">
          <KpiTiles figures={o?.figures} />
          <div className="command-panel" data-testid="command-ranking">
            <h2>{t('command.ranking')}</h2>
            <div className="command-chart">
              <EChart option={rankingOption} />
            </div>
            <ul className="command-children">
              {ranking.map((c) => (
                <li key={c.id}>
                  <Button type="link" size="small" onClick={() => drill(c.id)} data-child={c.id}>
                    {c.name}
                  </Button>
                  <span>{c.figures.open}</span>
                </li>
              ))}
            </ul>
          </div>
        </section>
        <section className="command-centre">
          <CommandMap
            tileUrl={config.data?.tileUrl ?? null}
            grids={grids.data}
            overview={o}
            measure={measure}
            workers={workers}
            onChild={drill}
            onWorker={setPicked}
            cameras={cameras.data?.items}
            onCamera={setCamera}
            cases={cases.data}
          />
          <div className="command-measure">
            <Segmented
              value={measure}
              onChange={(v) => setMeasure(v as CommandMeasure)}
              options={COMMAND_MEASURES.map((m) => ({ value: m, label: label('commandMeasure', m, lang) }))}
            />
          </div>
          <CameraDrawer cameraId={camera} onClose={() => setCamera(null)} />
          {picked && <WorkerCard userId={picked.userId} onClose={() => setPicked(null)} />}
          <div className="command-feed" data-testid="command-feed">
            <h2>{t('command.feed')}</h2>
            <ul>
              {feed.length === 0 && <li className="command-muted">{t('command.feedEmpty')}</li>}
              {feed.map((f) => (
                <li key={`${f.kind}-${f.ref.id}-${f.at}`}>
                  <span className={`command-kind command-kind-${f.kind.replace('.', '-')}`}>
                    {label('feedKind', f.kind, lang)}
                  </span>
                  {f.ref.type === 'case' ? (
                    <Link to={`/cases/${f.ref.id}`}>
                      {f.params.title ?? name(f.params.category ?? '', f.params.categoryEn ?? '')}
                    </Link>
                  ) : (
                    (f.params.title ?? f.params.summary)
                  )}
                  <span className="command-muted">{dateTime(f.at)}</span>
                </li>
              ))}
            </ul>
          </div>
        </section>
        <section className="command-right">
          <div className="command-panel" data-testid="command-trend">
            <h2>{t('command.trend')}</h2>
            <div className="command-chart">
              <EChart option={trendOption} />
            </div>
          </div>
          <div className="command-panel">
            <h2>{t('command.byCategory')}</h2>
            <div className="command-chart">
              <EChart option={categoryOption} />
            </div>
          </div>
          <div className="command-panel">
            <h2>{t('command.bySource')}</h2>
            <div className="command-chart">
              <EChart option={sourceOption} />
            </div>
          </div>
        </section>
      </div>
    </ConfigProvider>
  );
}
