import { Tag, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import type { BuildingMatrix, Id, MatrixRoom } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { FLAG_COLORS } from './Flags';

const SHOWN_NAMES = 3;

function roomClass(room: MatrixRoom, highlighted: boolean): string {
  const f = room.flags;
  return [
    'reg-room',
    !room.houseId ? 'no-house' : f.vacant ? 'vacant' : '',
    f.rental ? 'rental' : '',
    f.careGroup ? 'care' : '',
    f.specialGroup ? 'special' : '',
    f.dangerous ? 'dangerous' : '',
    highlighted ? 'highlight' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** 提楼知户: units side by side, floors top-down, each room with its occupants and flags. */
export function BuildingMatrixGrid({
  matrix,
  highlightRoom,
  highlightPerson,
  onOpen,
}: {
  matrix: BuildingMatrix;
  highlightRoom: Id | null;
  highlightPerson: Id | null;
  onOpen: (room: MatrixRoom) => void;
}) {
  const { t } = useI18n();
  const target = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    target.current?.scrollIntoView({ block: 'center', inline: 'center' });
  }, []);

  return (
    <div className="reg-matrix-units" data-testid="building-matrix" data-rooms={matrix.rooms}>
      {[...matrix.units]
        .sort((a, b) => a.unitNo - b.unitNo)
        .map((unit) => (
          <div key={unit.unitNo} className="reg-matrix-unit" data-unit={unit.unitNo}>
            <div className="reg-matrix-unit-title">{t('reg.matrix.unit', { unit: unit.unitNo })}</div>
            {[...unit.floors]
              .sort((a, b) => b.floor - a.floor)
              .map((floor) => (
                <div key={floor.floor} className="reg-matrix-floor">
                  <div className="reg-matrix-floor-label">
                    {t('reg.matrix.floor', { floor: floor.floor })}
                  </div>
                  {[...floor.rooms]
                    .sort((a, b) =>
                      String(a.room).localeCompare(String(b.room), undefined, { numeric: true }),
                    )
                    .map((room) => {
                      const highlighted =
                        room.addressId === highlightRoom ||
                        (!!highlightPerson && room.people.some((p) => p.id === highlightPerson));
                      const residents = room.people.filter((p) => p.linkKind !== 'owner');
                      const listed = [
                        ...new Map(
                          (residents.length ? residents : room.people).map((p) => [p.id, p]),
                        ).values(),
                      ];
                      const names = listed.slice(0, SHOWN_NAMES);
                      const more = listed.length - names.length;
                      const f = room.flags;
                      return (
                        <button
                          type="button"
                          key={room.addressId}
                          ref={highlighted ? target : undefined}
                          className={roomClass(room, highlighted)}
                          data-testid={`matrix-room-${room.addressId}`}
                          data-highlighted={highlighted}
                          data-vacant={f.vacant}
                          onClick={() => onOpen(room)}
                        >
                          <span className="reg-room-no">{room.room ?? '—'}</span>
                          <span className="reg-room-people">
                            {!room.houseId ? (
                              t('reg.matrix.noHouse')
                            ) : f.vacant && room.people.length === 0 ? (
                              t('reg.flag.vacant')
                            ) : (
                              <>
                                {names.map((p, i) => (
                                  <span
                                    key={p.id}
                                    className={p.id === highlightPerson ? 'is-target' : undefined}
                                  >
                                    {i > 0 ? '、' : ''}
                                    {p.name}
                                  </span>
                                ))}
                                {more > 0 && ` ${t('reg.matrix.more', { n: more })}`}
                              </>
                            )}
                          </span>
                          <span className="reg-room-tags">
                            {f.vacant && room.houseId && room.people.length > 0 && (
                              <Tag>{t('reg.flag.owner')}</Tag>
                            )}
                            {f.rental && <Tag color={FLAG_COLORS.rental}>{t('reg.flag.rental')}</Tag>}
                            {f.floating && <Tag color={FLAG_COLORS.floating}>{t('reg.flag.floating')}</Tag>}
                            {f.specialGroup && (
                              <Tooltip title={t('reg.flag.special')}>
                                <Tag color={FLAG_COLORS.special}>{t('reg.flag.special')}</Tag>
                              </Tooltip>
                            )}
                            {f.careGroup && <Tag color={FLAG_COLORS.care}>{t('reg.flag.care')}</Tag>}
                            {f.dangerous && (
                              <Tag color={FLAG_COLORS.dangerous}>{t('reg.flag.dangerous')}</Tag>
                            )}
                          </span>
                        </button>
                      );
                    })}
                </div>
              ))}
          </div>
        ))}
    </div>
  );
}

/** What the colours and tags of the matrix mean. */
export function MatrixLegend() {
  const { t } = useI18n();
  const swatch = (className: string, label: string) => (
    <span className="reg-legend-item" key={className}>
      <span
        className={`reg-legend-swatch reg-room ${className}`}
        style={{ minHeight: 0, width: 22, padding: 0 }}
      />
      {label}
    </span>
  );
  return (
    <div className="reg-legend" data-testid="matrix-legend">
      <strong>{t('reg.matrix.legend')}</strong>
      {swatch('', t('reg.type.house'))}
      {swatch('rental', t('reg.flag.rental'))}
      {swatch('special', t('reg.flag.special'))}
      {swatch('care', t('reg.flag.care'))}
      {swatch('vacant', t('reg.flag.vacant'))}
      {swatch('no-house', t('reg.matrix.noHouse'))}
      {swatch('highlight', t('reg.matrix.target'))}
      <span className="reg-legend-item">
        <Tag color={FLAG_COLORS.floating}>{t('reg.flag.floating')}</Tag>
      </span>
      <span className="reg-legend-item">
        <Tag color={FLAG_COLORS.dangerous}>{t('reg.flag.dangerous')}</Tag>
      </span>
    </div>
  );
}
