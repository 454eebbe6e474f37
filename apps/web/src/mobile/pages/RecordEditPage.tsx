import {
  HOUSE_OCCUPANCIES,
  HOUSE_OWNERSHIPS,
  type HouseLinkKind,
  LABELS,
  label,
  RENTAL_HAZARD_LEVELS,
  validatePhone,
} from '@wangge/rules';
import { Button, Input, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { HouseMembers } from '../components/HouseMembers';
import { PageBar } from '../components/PageBar';
import { useGet, useReloadOnSent } from '../hooks';
import { useLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { enqueue } from '../queue';

interface PersonDetail {
  id: string;
  name: string;
  phone: string | null;
  ethnicity: string | null;
  hukouPlace: string | null;
  actions: string[];
}
interface HouseDetail {
  id: string;
  address: string;
  use: string;
  areaM2: number | null;
  ownership: string | null;
  occupancy: string | null;
  people: {
    linkId: string;
    kind: HouseLinkKind;
    person: { id: string; name: string; phone: string | null };
  }[];
  isRental: boolean;
  rentalHazard: string | null;
  isDangerous: boolean;
  note: string | null;
  actions: string[];
}
type Changes = Record<string, string | number | boolean | null>;

function Row(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="m-field" data-testid={props.testId}>
      <div className="m-field-label">{props.label}</div>
      {props.children}
    </div>
  );
}

/** What a worker may change on a person: phone, ethnicity, household-registration place. */
function PersonForm(props: { p: PersonDetail; onSave: (label: string, changes: Changes) => void }) {
  const { p } = props;
  const [phone, setPhone] = useState('');
  const [ethnicity, setEthnicity] = useState(p.ethnicity ?? '');
  const [hukou, setHukou] = useState(p.hukouPlace ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const changes: Changes = {};
    if (phone.trim()) {
      const checked = validatePhone(phone);
      if (!checked.ok) return setError(checked.reason);
      changes.phone = checked.normalized;
    }
    setError(null);
    if (ethnicity.trim() !== (p.ethnicity ?? '')) changes.ethnicity = ethnicity.trim() || null;
    if (hukou.trim() !== (p.hukouPlace ?? '')) changes.hukouPlace = hukou.trim() || null;
    props.onSave(p.name, changes);
  };
  return (
    <>
      <div className="m-card">
        <h3>{p.name}</h3>
        <Row label={t('newPhone')} testId="edit-phone">
          <Input type="tel" value={phone} onChange={setPhone} clearable />
          <div className="m-muted">{t('phoneNow', { phone: p.phone ?? '—' })}</div>
          {error && <div className="m-field-error">{error}</div>}
        </Row>
        <Row label={t('ethnicity')}>
          <Input value={ethnicity} onChange={setEthnicity} maxLength={20} />
        </Row>
        <Row label={t('hukouPlace')}>
          <Input value={hukou} onChange={setHukou} maxLength={200} />
        </Row>
      </div>
      <SaveButton onClick={save} />
    </>
  );
}

/** What a worker records at the door of a house: its use and size, who owns it, whether anyone lives there, rental and hazards, a note. */
function HouseForm(props: { h: HouseDetail; onSave: (label: string, changes: Changes) => void }) {
  const { h } = props;
  const lang = useLang();
  const [use, setUse] = useState(h.use);
  const [area, setArea] = useState(h.areaM2 === null ? '' : String(h.areaM2));
  const [ownership, setOwnership] = useState(h.ownership);
  const [occupancy, setOccupancy] = useState(h.occupancy);
  const [rental, setRental] = useState(h.isRental);
  const [hazard, setHazard] = useState(h.rentalHazard);
  const [dangerous, setDangerous] = useState(h.isDangerous);
  const [note, setNote] = useState(h.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const choices = (kind: 'houseUse' | 'houseOwnership' | 'houseOccupancy', codes: readonly string[]) =>
    codes.map((c) => ({ label: label(kind, c, lang), value: c }));
  const save = () => {
    const changes: Changes = {};
    const areaM2 = area.trim() ? Number(area) : null;
    if (areaM2 !== null && !(Number.isFinite(areaM2) && areaM2 > 0)) return setError(t('areaInvalid'));
    setError(null);
    if (use !== h.use) changes.use = use;
    if (areaM2 !== h.areaM2) changes.areaM2 = areaM2;
    if (ownership !== h.ownership) changes.ownership = ownership;
    if (occupancy !== h.occupancy) changes.occupancy = occupancy;
    if (rental !== h.isRental) changes.isRental = rental;
    if (hazard !== h.rentalHazard) changes.rentalHazard = rental ? hazard : null;
    if (dangerous !== h.isDangerous) changes.isDangerous = dangerous;
    if (note.trim() !== (h.note ?? '')) changes.note = note.trim() || null;
    props.onSave(h.address, changes);
  };
  return (
    <>
      <div className="m-card">
        <h3>{h.address}</h3>
        <Row label={t('houseUse')} testId="edit-use">
          <Selector
            columns={3}
            options={choices('houseUse', Object.keys(LABELS.houseUse))}
            value={[use]}
            onChange={(v) => v[0] && setUse(v[0])}
          />
        </Row>
        <Row label={t('areaM2')} testId="edit-area">
          <Input type="number" inputMode="decimal" value={area} onChange={setArea} clearable />
          {error && <div className="m-field-error">{error}</div>}
        </Row>
        <Row label={t('ownership')} testId="edit-ownership">
          <Selector
            columns={3}
            options={choices('houseOwnership', HOUSE_OWNERSHIPS)}
            value={ownership ? [ownership] : []}
            onChange={(v) => setOwnership(v[0] ?? null)}
          />
        </Row>
        <Row label={t('occupancy')} testId="edit-occupancy">
          <Selector
            columns={3}
            options={choices('houseOccupancy', HOUSE_OCCUPANCIES)}
            value={occupancy ? [occupancy] : []}
            onChange={(v) => setOccupancy(v[0] ?? null)}
          />
        </Row>
        <Row label={t('isRental')} testId="edit-rental">
          <Switch checked={rental} onChange={setRental} />
        </Row>
        {rental && (
          <Row label={t('rentalHazard')} testId="edit-hazard">
            <Selector
              columns={3}
              options={RENTAL_HAZARD_LEVELS.map((l) => ({
                label: label('rentalHazard', l.key, lang),
                value: l.key,
              }))}
              value={hazard ? [hazard] : []}
              onChange={(v) => setHazard(v[0] ?? null)}
            />
          </Row>
        )}
        <Row label={t('isDangerous')}>
          <Switch checked={dangerous} onChange={setDangerous} />
        </Row>
        <Row label={t('houseNote')} testId="edit-note">
          <TextArea value={note} onChange={setNote} rows={2} maxLength={500} />
        </Row>
      </div>
      <SaveButton onClick={save} />
    </>
  );
}

function SaveButton(props: { onClick: () => void }) {
  return (
    <Button
      block
      color="primary"
      size="large"
      className="m-big-btn"
      data-testid="edit-save"
      onClick={props.onClick}
    >
      {t('save')}
    </Button>
  );
}

/** Updates a person or a house through the offline queue; the fields offered are those of the API. */
export function RecordEditPage() {
  const { entity, id } = useParams();
  const navigate = useNavigate();
  const isPerson = entity === 'person';
  const person = useGet<PersonDetail>(isPerson ? `/api/people/${id}` : null, { keep: true });
  const house = useGet<HouseDetail>(isPerson ? null : `/api/houses/${id}`, { keep: true });
  useReloadOnSent('record', isPerson ? person.reload : house.reload);
  const detail = isPerson ? person.data : house.data;
  const editable = detail?.actions.includes(isPerson ? 'person.edit' : 'house.edit') ?? false;

  const save = async (label: string, changes: Changes) => {
    if (!Object.keys(changes).length) return void Toast.show({ content: t('noChange') });
    const offline = !navigator.onLine;
    await enqueue({
      kind: 'record',
      payload: { entity: isPerson ? 'person' : 'house', id: id!, label, changes },
    });
    Toast.show({ icon: 'success', content: offline ? t('recordQueued') : t('recordSaved') });
    navigate(-1);
  };

  return (
    <div data-testid="record-edit">
      <PageBar back={-1}>{t('editRecord')}</PageBar>
      {detail && !editable && <div className="m-card m-muted">{t('notEditable')}</div>}
      {editable && person.data && <PersonForm p={person.data} onSave={(l, c) => void save(l, c)} />}
      {house.data?.actions.includes('house.members') && <HouseMembers house={house.data} />}
      {editable && house.data && <HouseForm h={house.data} onSave={(l, c) => void save(l, c)} />}
    </div>
  );
}
