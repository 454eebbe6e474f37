import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

type Part = Record<string, unknown>;
const each = (v: unknown, f: (p: Part) => Part): unknown =>
  Array.isArray(v) ? v.map((x) => f(x as Part)) : v && typeof v === 'object' ? f(v as Part) : v;
const withFont = (p: Part | undefined, px: number): Part => ({ fontSize: px, ...(p ?? {}) });

/**
 * ECharts draws its text in fixed pixels (12 px: a speck on a 4K wall): unless a panel sets a
 * size itself, axis labels, legends, series labels and tooltips follow the screen's height
 * (12 px at 1080 lines, 24 px at 2160), and so do the grid's pixel margins that make room for them.
 */
export function scaleChartFonts(option: Part, height: number): Part {
  const px = Math.max(12, Math.round((12 * height) / 1080));
  const axis = (a: Part) => ({ ...a, axisLabel: withFont(a.axisLabel as Part, px) });
  const k = Math.max(1, height / 1080);
  const margins = (g: Part) =>
    Object.fromEntries(
      Object.entries(g).map(([key, v]) => [
        key,
        ['left', 'right', 'top', 'bottom'].includes(key) && typeof v === 'number' ? Math.round(v * k) : v,
      ]),
    );
  const scaled: Part = {
    ...option,
    grid: each(option.grid, margins),
    xAxis: each(option.xAxis, axis),
    yAxis: each(option.yAxis, axis),
    legend: each(option.legend, (l) => ({ ...l, textStyle: withFont(l.textStyle as Part, px) })),
    tooltip: each(option.tooltip, (t) => ({ ...t, textStyle: withFont(t.textStyle as Part, px) })),
    series: each(option.series, (s) => ({ ...s, label: withFont(s.label as Part, px) })),
  };
  for (const key of Object.keys(scaled)) if (scaled[key] === undefined) delete scaled[key];
  return scaled;
}

/** One ECharts panel sized by its parent, in the screen's dark theme. */
export function EChart({ option, testId }: { option: echarts.EChartsCoreOption; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, 'dark', { renderer: 'canvas' });
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
      scaleChartFonts({ backgroundColor: 'transparent', ...(option as Part) }, window.innerHeight),
      true,
    );
  }, [option]);
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height: '100%' }} />;
}
