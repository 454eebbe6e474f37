import type { GridCollection } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/zh';
import { HOUSEHOLD_COLORS, KIND_COLORS, UNKNOWN_COLOR } from '../../map/colors';
import type { ColorMode } from '../../map/gridLayers';

interface Entry {
  value: string;
  label: MessageKey;
  color: string;
}

const ENTRIES: Record<ColorMode, Entry[]> = {
  kind: [
    { value: 'base', label: 'kind.base', color: KIND_COLORS.base },
    { value: 'special', label: 'kind.special', color: KIND_COLORS.special },
  ],
  household: [
    { value: 'under', label: 'household.under', color: HOUSEHOLD_COLORS.under },
    { value: 'ok', label: 'household.ok', color: HOUSEHOLD_COLORS.ok },
    { value: 'over', label: 'household.over', color: HOUSEHOLD_COLORS.over },
  ],
};

export function MapLegend({ mode, data }: { mode: ColorMode; data: GridCollection | undefined }) {
  const { t } = useI18n();
  const property = mode === 'kind' ? 'kind' : 'householdStatus';
  const counts = new Map<string, number>();
  for (const feature of data?.features ?? []) {
    const value = String(feature.properties?.[property] ?? '');
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const known = new Set(ENTRIES[mode].map((entry) => entry.value));
  const unknown = [...counts.entries()]
    .filter(([value]) => !known.has(value))
    .reduce((sum, [, n]) => sum + n, 0);
  return (
    <div className="map-legend" data-testid="map-legend">
      <div className="map-legend-title">{t('map.legend')}</div>
      {ENTRIES[mode].map((entry) => (
        <div key={entry.value} className="map-legend-row" data-value={entry.value}>
          <span className="map-legend-swatch" style={{ background: entry.color }} />
          <span className="map-legend-label">{t(entry.label)}</span>
          <span className="map-legend-count">{counts.get(entry.value) ?? 0}</span>
        </div>
      ))}
      {unknown > 0 && (
        <div className="map-legend-row" data-value="unknown">
          <span className="map-legend-swatch" style={{ background: UNKNOWN_COLOR }} />
          <span className="map-legend-label">{t('household.unknown')}</span>
          <span className="map-legend-count">{unknown}</span>
        </div>
      )}
    </div>
  );
}
