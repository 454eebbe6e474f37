import {
  HOUSE_LINK_KINDS,
  type HouseLinkKind,
  householdMembers,
  label,
  validateIdNumber,
  validatePhone,
} from '@wangge/rules';
import { ActionSheet, Button, Input, List, Popup, Selector, Tabs, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { enqueue } from '../queue';
import type { MemberChange } from '../queue-items';
import { RegisterSearch } from './RegisterSearch';

interface HouseWithPeople {
  id: string;
  address: string;
  people: { kind: HouseLinkKind; person: { id: string; name: string; phone: string | null } }[];
}

const END_REASONS = ['moved_out', 'deceased', 'other'] as const;

/** A rule's reason, written '中文 (English)', in the app's language only. */
function inLang(reason: string, lang: 'zh' | 'en'): string {
  const both = /^(.*?)\s*\((.*)\)$/s.exec(reason);
  return both ? both[lang === 'zh' ? 1 : 2]! : reason;
}

/** Queues a member change like any record update: sent now when online, later when not. */
async function queueChange(house: HouseWithPeople, name: string, member: MemberChange, done: string) {
  const offline = !navigator.onLine;
  await enqueue({
    kind: 'record',
    payload: { entity: 'house', id: house.id, label: `${house.address} · ${name}`, changes: {}, member },
  });
  Toast.show({ icon: 'success', content: offline ? t('memberQueued') : done });
}

function KindPicker(props: { value: HouseLinkKind; onChange: (k: HouseLinkKind) => void }) {
  const lang = useLang();
  return (
    <div className="m-field" data-testid="member-kind">
      <div className="m-field-label">{t('linkKind')}</div>
      <Selector
        columns={3}
        options={HOUSE_LINK_KINDS.map((k) => ({ label: label('houseLink', k, lang), value: k }))}
        value={[props.value]}
        onChange={(v) => v[0] && props.onChange(v[0])}
      />
    </div>
  );
}

/** A new person: the ID number and phone checked on the phone by the same rules as the server. */
function NewMemberForm(props: { onAdd: (name: string, change: MemberChange) => void }) {
  const lang = useLang();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [kind, setKind] = useState<HouseLinkKind>('resident');
  const [error, setError] = useState<{ field: string; reason: string } | null>(null);
  const add = () => {
    if (!name.trim()) return setError({ field: 'name', reason: t('personName') });
    const id = validateIdNumber(idNumber);
    if (!id.ok) return setError({ field: 'idNumber', reason: inLang(id.reason, lang) });
    let normalized: string | undefined;
    if (phone.trim()) {
      const p = validatePhone(phone);
      if (!p.ok) return setError({ field: 'phone', reason: inLang(p.reason, lang) });
      normalized = p.normalized;
    }
    setError(null);
    props.onAdd(name.trim(), {
      add: {
        kind,
        person: { name: name.trim(), idNumber: id.normalized, ...(normalized ? { phone: normalized } : {}) },
      },
    });
  };
  const wrong = (field: string) =>
    error?.field === field && <div className="m-field-error">{error.reason}</div>;
  return (
    <div data-testid="member-new">
      <div className="m-field" data-testid="member-name">
        <div className="m-field-label">{t('personName')}</div>
        <Input value={name} onChange={setName} maxLength={50} clearable />
        {wrong('name')}
      </div>
      <div className="m-field" data-testid="member-id">
        <div className="m-field-label">{t('idNumber')}</div>
        <Input value={idNumber} onChange={setIdNumber} maxLength={18} clearable />
        {wrong('idNumber')}
      </div>
      <div className="m-field" data-testid="member-phone">
        <div className="m-field-label">{t('phoneOptional')}</div>
        <Input type="tel" value={phone} onChange={setPhone} maxLength={20} clearable />
        {wrong('phone')}
      </div>
      <KindPicker value={kind} onChange={setKind} />
      <Button
        block
        color="primary"
        size="large"
        className="m-big-btn"
        data-testid="member-add-save"
        onClick={add}
      >
        {t('addMember')}
      </Button>
    </div>
  );
}

function ExistingMemberForm(props: { onAdd: (name: string, change: MemberChange) => void }) {
  const [kind, setKind] = useState<HouseLinkKind>('resident');
  return (
    <div data-testid="member-existing">
      <KindPicker value={kind} onChange={setKind} />
      <RegisterSearch
        types={['person']}
        placeholder={t('pickPerson')}
        testId="member-search"
        onPick={(hit) => props.onAdd(hit.name ?? '', { add: { kind, personId: hit.id } })}
      />
    </div>
  );
}

/** The household's members, each once (householdMembers of @wangge/rules), added or removed on a visit. */
export function HouseMembers(props: { house: HouseWithPeople }) {
  const { house } = props;
  const lang = useLang();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const members = householdMembers(house.people);
  const add = (name: string, change: MemberChange) => {
    setAdding(false);
    void queueChange(house, name, change, t('memberAdded', { name }));
  };
  return (
    <div className="m-card" data-testid="house-members" data-count={members.length}>
      <h3>
        {t('members')} ({members.length})
      </h3>
      <List style={{ '--padding-left': '0' }}>
        {members.map((m) => (
          <List.Item
            key={m.person.id}
            data-testid="house-member"
            extra={
              <Button
                size="small"
                fill="outline"
                color="danger"
                data-testid="member-remove"
                onClick={() => setRemoving({ id: m.person.id, name: m.person.name })}
              >
                {t('removeMember')}
              </Button>
            }
          >
            {m.person.name}{' '}
            <span className="m-muted">{m.kinds.map((k) => label('houseLink', k, lang)).join('、')}</span>
          </List.Item>
        ))}
      </List>
      <Button
        block
        fill="outline"
        style={{ marginTop: 8 }}
        data-testid="member-add"
        onClick={() => setAdding(true)}
      >
        {t('addMember')}
      </Button>
      <Popup
        visible={adding}
        onMaskClick={() => setAdding(false)}
        bodyStyle={{ padding: 12, height: '80vh', overflowY: 'auto', boxSizing: 'border-box' }}
      >
        <Tabs defaultActiveKey="new">
          <Tabs.Tab title={t('newPerson')} key="new">
            <NewMemberForm onAdd={add} />
          </Tabs.Tab>
          <Tabs.Tab title={t('existingPerson')} key="existing">
            <ExistingMemberForm onAdd={add} />
          </Tabs.Tab>
        </Tabs>
      </Popup>
      <ActionSheet
        visible={removing !== null}
        onClose={() => setRemoving(null)}
        extra={
          removing ? `${t('removeMemberTitle', { name: removing.name })} · ${t('endReason')}` : undefined
        }
        cancelText={t('cancel')}
        closeOnAction
        actions={END_REASONS.map((reason) => ({
          key: reason,
          text: label('houseLinkEnd', reason, lang),
          onClick: () => {
            if (!removing) return;
            void queueChange(
              house,
              removing.name,
              { remove: { personId: removing.id, reason } },
              t('memberRemoved', { name: removing.name }),
            );
          },
        }))}
      />
    </div>
  );
}
