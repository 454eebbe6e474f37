import type { CommandFigures } from '../api/command';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/zh';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

/** The KPI tiles of the unit's subtree. */
export function KpiTiles({ figures: f }: { figures: CommandFigures | undefined }) {
  const { t, number } = useI18n();
  const tiles: [MessageKey, string, boolean?][] = f
    ? [
        ['command.reportedToday', number(f.reportedToday)],
        ['command.filedToday', number(f.filedToday)],
        ['command.handledToday', number(f.handledToday)],
        ['command.closedToday', number(f.closedToday)],
        ['command.closureRate', pct(f.closureRate)],
        ['command.onTimeRate', pct(f.onTimeRate)],
        ['command.overdue', number(f.overdue), f.overdue > 0],
        ['command.redCards', number(f.redCards), f.redCards > 0],
        ['command.satisfaction', pct(f.satisfaction)],
        ['command.onDuty', `${number(f.workersOnline)} / ${number(f.workersOnDuty)}`],
        [
          'command.visits',
          `${Math.round(f.visitMinutesToday / 60)} / ${Math.round(f.visitTargetMinutes / 60)} h`,
        ],
        [
          'command.inspections',
          `${number(f.inspectionsDoneToday)} / ${number(f.inspectionsDue)}`,
          f.inspectionsOverdue > 0,
        ],
        ['command.people', number(f.people)],
        ['command.households', number(f.households)],
      ]
    : [];
  return (
    <div className="command-kpis" data-testid="command-kpis">
      {tiles.map(([key, value, alarm]) => (
        <div key={key} className={`command-kpi${alarm ? ' command-kpi-alarm' : ''}`}>
          <div className="command-kpi-value">{value}</div>
          <div className="command-kpi-label">{t(key)}</div>
        </div>
      ))}
    </div>
  );
}
