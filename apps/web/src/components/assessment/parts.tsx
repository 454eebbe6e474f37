import { useQuery } from '@tanstack/react-query';
import {
  label,
  monthOf,
  monthsOf,
  periodOfKind,
  REVIEW_PERIOD_KINDS,
  type ReviewPeriodKind,
  reviewPeriodKind,
} from '@wangge/rules';
import { Breadcrumb, DatePicker, Segmented, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { GRADE_COLOR, type Grade, type TrendPoint } from '../../api/assessment';
import { fetchOrgChildren, orgKeys, useOrgUnit } from '../../api/org';
import type { Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

/** A grade as its coloured letter (A green … E red); a dash without one. */
export function GradeTag({ grade }: { grade: Grade | null | undefined }) {
  if (!grade) return <span>—</span>;
  return (
    <Tag color={GRADE_COLOR[grade]} data-testid="grade-tag" style={{ fontWeight: 600 }}>
      {grade}
    </Tag>
  );
}

/** A month picker on 'YYYY-MM' strings. */
export function MonthPicker({
  value,
  onChange,
  future = false,
}: {
  value: string;
  onChange: (month: string) => void;
  /** Allow months after the current one (a scheme's effective month). */
  future?: boolean;
}) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      data-testid="assessment-month"
      value={dayjs(`${value}-01`)}
      disabledDate={future ? undefined : (d) => d.isAfter(dayjs(), 'month')}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
    />
  );
}

/**
 * A review period: month, quarter, half-year or year (Linghe's rhythm); switching the kind keeps
 * the months it covers where it can (2026-08 → 2026-Q3 → 2026-H2 → 2026).
 */
export function ReviewPeriodPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (period: string) => void;
}) {
  const { lang } = useI18n();
  const kind = reviewPeriodKind(value) ?? 'month';
  const months = monthsOf(reviewPeriodKind(value) ? value : lastMonthOf());
  // Switching kind keeps the last complete month of the period (the default of every screen).
  const anchor = months.filter((m) => m < monthOf(new Date())).at(-1) ?? months[0]!;
  const year = dayjs(`${value.slice(0, 4)}-01-01`);
  // A quarter is picked as its first month: one not after this month has begun.
  const notAfterNow = (unit: 'month' | 'year') => (d: dayjs.Dayjs) => d.isAfter(dayjs(), unit);
  return (
    <Space wrap data-testid="review-period">
      <Segmented
        data-testid="review-period-kind"
        value={kind}
        onChange={(k) => onChange(periodOfKind(k as ReviewPeriodKind, anchor))}
        options={REVIEW_PERIOD_KINDS.map((k) => ({ value: k, label: label('reviewPeriodKind', k, lang) }))}
      />
      {kind === 'month' && <MonthPicker value={value} onChange={onChange} />}
      {kind === 'quarter' && (
        <DatePicker
          picker="quarter"
          allowClear={false}
          value={dayjs(`${months[0]}-01`)}
          disabledDate={notAfterNow('month')}
          onChange={(d) => d && onChange(periodOfKind('quarter', d.format('YYYY-MM')))}
        />
      )}
      {(kind === 'half' || kind === 'year') && (
        <DatePicker
          picker="year"
          allowClear={false}
          value={year}
          disabledDate={notAfterNow('year')}
          onChange={(d) =>
            d && onChange(kind === 'year' ? d.format('YYYY') : `${d.format('YYYY')}${value.slice(4)}`)
          }
        />
      )}
      {kind === 'half' && (
        <Segmented
          value={value.slice(5)}
          onChange={(h) => onChange(`${value.slice(0, 4)}-${h}`)}
          options={[
            { value: 'H1', label: lang === 'zh' ? '上半年' : 'H1' },
            { value: 'H2', label: lang === 'zh' ? '下半年' : 'H2' },
          ]}
        />
      )}
    </Space>
  );
}

const lastMonthOf = () => monthOf(new Date(Date.now() - 31 * 86_400_000));

/** The unit's chain (city › district › street …) as a breadcrumb whose links drill back up. */
export function UnitCrumbs({ unitId, onPick }: { unitId: Id | null; onPick: (id: Id) => void }) {
  const { lang } = useI18n();
  const unit = useOrgUnit(unitId);
  const chain = unit.data?.chain ?? [];
  if (chain.length === 0) return null;
  return (
    <Breadcrumb
      data-testid="assessment-crumbs"
      items={chain.map((node, i) => ({
        key: node.id,
        title:
          i === chain.length - 1 ? (
            <span>
              {node.name}
              <Typography.Text type="secondary">（{label('orgLevel', node.level, lang)}）</Typography.Text>
            </span>
          ) : (
            <a
              href={`#${node.id}`}
              onClick={(e) => {
                e.preventDefault();
                onPick(node.id);
              }}
            >
              {node.name}
            </a>
          ),
      }))}
    />
  );
}

/** The units right below `unitId` down to communities, as buttons that drill into them. */
export function ChildUnits({ unitId, onPick }: { unitId: Id | null; onPick: (id: Id) => void }) {
  const { t } = useI18n();
  const children = useQuery({
    queryKey: orgKeys.children(unitId),
    queryFn: () => fetchOrgChildren(unitId),
    enabled: unitId !== null,
    retry: false,
  });
  const units = (children.data ?? []).filter((u) => u.level !== 'grid' && u.level !== 'building');
  if (units.length === 0) return null;
  return (
    <Space wrap size={[4, 4]} data-testid="assessment-children">
      <Typography.Text type="secondary">{t('assess.children')}：</Typography.Text>
      {units.map((u) => (
        <Tag.CheckableTag key={u.id} checked={false} onChange={() => onPick(u.id)}>
          {u.name}
        </Tag.CheckableTag>
      ))}
    </Space>
  );
}

/** The composite over the last months as a line, the grade bands' A line dashed. */
export function TrendChart({ items }: { items: TrendPoint[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        grid: { left: 40, right: 16, top: 24, bottom: 28 },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : '—'),
        },
        xAxis: { type: 'category', data: items.map((p) => p.period) },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [
          {
            name: t('assess.composite'),
            type: 'line',
            smooth: true,
            connectNulls: false,
            data: items.map((p) => p.composite),
            label: {
              show: true,
              formatter: (p: { dataIndex: number }) => items[p.dataIndex]?.grade ?? '',
            },
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#52c41a' },
              data: [{ yAxis: 90 }],
            },
          },
        ],
      },
      true,
    );
  }, [items, t]);
  return <div ref={ref} data-testid="assessment-trend" style={{ width: '100%', height: 240 }} />;
}
