import { Button, Popup } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { beginVisit } from '../begin-visit';
import { PageBar } from '../components/PageBar';
import { useGet } from '../hooks';
import { t } from '../i18n/zh';

interface Person {
  id: string;
  name: string;
  phone?: string | null;
  linkKind: string;
  specialGroups: string[];
  careGroups: string[];
}
interface Room {
  addressId: string;
  houseId: string | null;
  room: string;
  flags: { rental: boolean; vacant: boolean; specialGroup: boolean; careGroup: boolean };
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
  const m = useGet<Matrix>(`/api/buildings/${id}/matrix`, { keep: true });
  const [room, setRoom] = useState<(Room & { unitNo: number }) | null>(null);
  return (
    <div data-testid="building">
      <PageBar back="/lookup">{m.data?.building.name ?? ''}</PageBar>
      {m.data && (
        <div className="m-muted" style={{ marginBottom: 8 }}>
          {m.data.building.address} · {t('rooms')} {m.data.rooms} · 住户 {m.data.households}
        </div>
      )}
      {(m.data?.units ?? []).map((u) => {
        const width = Math.max(...u.floors.map((f) => f.rooms.length), 1);
        return (
          <div className="m-card" key={u.unitNo}>
            <h3>{u.unitNo} 单元</h3>
            <div className="m-matrix" style={{ gridTemplateColumns: `36px repeat(${width}, 1fr)` }}>
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
                      className={`m-room${r.flags.vacant ? ' vacant' : ''}${r.flags.rental ? ' rental' : ''}`}
                      onClick={() => setRoom({ ...r, unitNo: u.unitNo })}
                    >
                      {r.room}
                      <div style={{ fontSize: 11 }}>
                        {r.flags.vacant ? t('vacant') : `${r.people.length}人`}
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
        visible={room !== null}
        onMaskClick={() => setRoom(null)}
        bodyStyle={{ padding: 16, maxHeight: '60vh', overflowY: 'auto' }}
      >
        {room && (
          <>
            <h3 style={{ marginTop: 0 }}>
              {room.room} {room.flags.rental && `· ${t('rental')}`}
            </h3>
            {room.people.length === 0 && <div className="m-muted">{t('vacant')}</div>}
            {room.people.map((p) => (
              <div key={`${p.id}:${p.linkKind}`} style={{ padding: '8px 0', borderBottom: '1px solid #eee' }}>
                {p.name}{' '}
                <span className="m-muted">
                  {p.linkKind} {p.phone ?? ''}
                </span>
                {[...p.specialGroups, ...p.careGroups].length > 0 && (
                  <div className="m-muted">{[...p.specialGroups, ...p.careGroups].join('、')}</div>
                )}
              </div>
            ))}
            {(room.houseId || room.people.length > 0) && (
              <Button
                block
                color="primary"
                size="large"
                className="m-big-btn"
                style={{ marginTop: 12 }}
                data-testid="visit-room"
                onClick={() => {
                  const label = `${m.data?.building.name ?? ''}${room.unitNo}单元${room.room}`;
                  const target = room.houseId ? { houseId: room.houseId } : { personId: room.people[0]!.id };
                  if (beginVisit({ ...target, label })) navigate('/visits');
                }}
              >
                {t('visitThis')}
              </Button>
            )}
          </>
        )}
      </Popup>
    </div>
  );
}
