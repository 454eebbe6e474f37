import { label } from '@wangge/rules';
import { Button, List, Popup } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { beginVisit } from '../begin-visit';
import { PageBar } from '../components/PageBar';
import { useGet, useReloadOnSent } from '../hooks';
import { useLang } from '../i18n/lang';
import { t } from '../i18n/zh';

interface Person {
  id: string;
  name: string;
  phone?: string | null;
  linkKinds: string[];
  specialGroups: string[];
  careGroups: string[];
}
interface Room {
  addressId: string;
  houseId: string | null;
  room: string;
  /** Distinct people living there (householdMembers / residentCount of @wangge/rules, on the server). */
  residents: number;
  flags: { rental: boolean; vacant: boolean; specialGroup: boolean; careGroup: boolean };
  /** One entry per person, whatever their number of links to the house. */
  people: Person[];
}
interface Matrix {
  building: { name: string; address: string | null };
  households: number;
  rooms: number;
  units: { unitNo: number; floors: { floor: number; rooms: Room[] }[] }[];
}

export function BuildingPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const lang = useLang();
  const m = useGet<Matrix>(`/api/buildings/${id}/matrix`, { keep: true });
  // A member added or removed on the phone shows once the queue has delivered it.
  useReloadOnSent('record', m.reload);
  const [picked, setPicked] = useState<{ addressId: string; unitNo: number } | null>(null);
  const room = picked
    ? m.data?.units
        .find((u) => u.unitNo === picked.unitNo)
        ?.floors.flatMap((f) => f.rooms)
        .find((r) => r.addressId === picked.addressId)
    : undefined;
  return (
    <div data-testid="building">
      <PageBar back="/lookup">{m.data?.building.name ?? ''}</PageBar>
      {m.data && (
        <div className="m-muted" style={{ marginBottom: 8 }}>
          {m.data.building.address} · {t('rooms')} {m.data.rooms} ·{' '}
          {t('householdsN', { n: m.data.households })}
        </div>
      )}
      {(m.data?.units ?? []).map((u) => {
        const width = Math.max(...u.floors.map((f) => f.rooms.length), 1);
        return (
          <div className="m-card" key={u.unitNo} style={{ overflowX: 'auto' }}>
            <h3>{t('unitN', { n: u.unitNo })}</h3>
            <div
              className="m-matrix"
              style={{ gridTemplateColumns: `36px repeat(${width}, minmax(44px, 1fr))` }}
            >
              {[...u.floors]
                .sort((a, b) => b.floor - a.floor)
                .flatMap((f) => [
                  <div key={`f${f.floor}`} className="m-muted" style={{ alignSelf: 'center' }}>
                    {f.floor}F
                  </div>,
                  ...f.rooms.map((r) => (
                    <button
                      type="button"
                      key={r.addressId}
                      data-testid={`room-${r.addressId}`}
                      data-residents={r.residents}
                      className={`m-room${r.flags.vacant ? ' vacant' : ''}${r.flags.rental ? ' rental' : ''}`}
                      onClick={() => setPicked({ addressId: r.addressId, unitNo: u.unitNo })}
                    >
                      {r.room}
                      <div style={{ fontSize: 11 }}>
                        {r.flags.vacant ? t('vacant') : t('peopleN', { n: r.residents })}
                      </div>
                    </button>
                  )),
                  ...Array.from(
                    { length: width - f.rooms.length },
                    (_, i) => `pad${f.floor}-${i + f.rooms.length}`,
                  ).map((k) => <div key={k} />),
                ])}
            </div>
          </div>
        );
      })}
      <Popup
        visible={room !== undefined}
        onMaskClick={() => setPicked(null)}
        bodyStyle={{ padding: 16, maxHeight: '70vh', overflowY: 'auto', boxSizing: 'border-box' }}
      >
        {room && picked && (
          <div data-testid="room-sheet">
            <h3 style={{ marginTop: 0 }}>
              {room.room} {room.flags.rental && `· ${t('rental')}`}
            </h3>
            {room.people.length === 0 && <div className="m-muted">{t('vacant')}</div>}
            <List style={{ '--padding-left': '0' }}>
              {room.people.map((p) => (
                <List.Item
                  key={p.id}
                  data-testid="room-person"
                  arrow
                  onClick={() => navigate(`/records/person/${p.id}`)}
                  description={
                    [
                      ...p.specialGroups.map((g) => label('specialGroup', g, lang)),
                      ...p.careGroups.map((g) => label('careGroup', g, lang)),
                    ].join('、') || undefined
                  }
                  extra={p.phone ?? undefined}
                >
                  {p.name}{' '}
                  <span className="m-muted">
                    {p.linkKinds.map((k) => label('houseLink', k, lang)).join('、')}
                  </span>
                </List.Item>
              ))}
            </List>
            {room.houseId && (
              <Button
                block
                fill="outline"
                style={{ marginTop: 12 }}
                data-testid="room-record"
                onClick={() => navigate(`/records/house/${room.houseId}`)}
              >
                {t('openRecord')}
              </Button>
            )}
            {(room.houseId || room.people.length > 0) && (
              <Button
                block
                color="primary"
                size="large"
                className="m-big-btn"
                style={{ marginTop: 12 }}
                data-testid="visit-room"
                onClick={() => {
                  const name = `${m.data?.building.name ?? ''}${t('unitN', { n: picked.unitNo })}${room.room}`;
                  const target = room.houseId ? { houseId: room.houseId } : { personId: room.people[0]!.id };
                  if (beginVisit({ ...target, label: name })) navigate('/visits');
                }}
              >
                {t('visitThis')}
              </Button>
            )}
          </div>
        )}
      </Popup>
    </div>
  );
}
