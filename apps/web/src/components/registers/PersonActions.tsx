import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { changePersonStatus, type GroupFamily, registerKeys, updatePerson } from '../../api/registers';
import type { PersonDetail, PersonPatch } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/zh';
import { OpenGroupModal } from './GroupRecords';
import { useModalSubmit } from './useModalSubmit';

type StatusAction = 'moved_out' | 'deceased' | 'deregistered';
const STATUS_ACTIONS: { status: StatusAction; action: string; label: MessageKey }[] = [
  { status: 'moved_out', action: 'person.moveOut', label: 'reg.action.moveOut' },
  { status: 'deceased', action: 'person.died', label: 'reg.action.died' },
  { status: 'deregistered', action: 'person.deregister', label: 'reg.action.deregister' },
];

/** The writer's buttons, shown from the person's `actions` (the server decides). */
export function PersonActions({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<(typeof STATUS_ACTIONS)[number] | null>(null);
  const [opening, setOpening] = useState<GroupFamily | null>(null);
  const specialCodes = person.actions
    .filter((a) => a.startsWith('person.specialGroup.'))
    .map((a) => a.slice('person.specialGroup.'.length));
  const has = (action: string) => person.actions.includes(action);
  const buttons = [
    has('person.edit') && (
      <Button key="edit" onClick={() => setEditing(true)} data-testid="person-edit">
        {t('reg.action.edit')}
      </Button>
    ),
    ...STATUS_ACTIONS.filter((s) => has(s.action)).map((s) => (
      <Button key={s.status} onClick={() => setStatus(s)} data-testid={`person-status-${s.status}`}>
        {t(s.label)}
      </Button>
    )),
    specialCodes.length > 0 && (
      <Button key="special" danger onClick={() => setOpening('special')} data-testid="person-open-special">
        {t('reg.action.openSpecial')}
      </Button>
    ),
    has('person.careGroup') && (
      <Button key="care" onClick={() => setOpening('care')} data-testid="person-open-care">
        {t('reg.action.openCare')}
      </Button>
    ),
  ].filter(Boolean);
  if (buttons.length === 0) return null;
  return (
    <Space wrap data-testid="person-actions">
      {buttons}
      {editing && <EditPersonModal person={person} onClose={() => setEditing(false)} />}
      {status && <StatusModal person={person} action={status} onClose={() => setStatus(null)} />}
      {opening && (
        <OpenGroupModal
          family={opening}
          personId={person.id}
          allowed={opening === 'special' ? specialCodes : []}
          onClose={() => setOpening(null)}
        />
      )}
    </Space>
  );
}

function useAfterSave(person: PersonDetail) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return async (next: PersonDetail) => {
    queryClient.setQueryData(registerKeys.person(person.id), next);
    await queryClient.invalidateQueries({ queryKey: registerKeys.events('people', person.id) });
    message.success(t('reg.action.done'));
  };
}

function EditPersonModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const { t } = useI18n();
  const afterSave = useAfterSave(person);
  const [form] = Form.useForm<{ name: string; phone?: string; ethnicity?: string; hukouPlace?: string }>();
  const { busy, run } = useModalSubmit(form, onClose);
  const submit = async (values: {
    name: string;
    phone?: string;
    ethnicity?: string;
    hukouPlace?: string;
  }) => {
    const patch: PersonPatch = {};
    if (values.name.trim() !== person.name) patch.name = values.name.trim();
    // The phone is masked here: only a newly typed number replaces it.
    if (values.phone?.trim()) patch.phone = values.phone.trim();
    if ((values.ethnicity ?? '') !== (person.ethnicity ?? ''))
      patch.ethnicity = values.ethnicity?.trim() || null;
    if ((values.hukouPlace ?? '') !== (person.hukouPlace ?? ''))
      patch.hukouPlace = values.hukouPlace?.trim() || null;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await run(async () => afterSave(await updatePerson(person.id, patch)));
  };
  return (
    <Modal
      open
      title={t('reg.action.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: person.name, ethnicity: person.ethnicity, hukouPlace: person.hukouPlace }}
      >
        <Form.Item name="name" label={t('reg.field.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('reg.field.phone')}>
          <Input maxLength={30} placeholder={person.phone ?? ''} />
        </Form.Item>
        <Form.Item name="ethnicity" label={t('reg.field.ethnicity')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="hukouPlace" label={t('reg.field.hukouPlace')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StatusModal({
  person,
  action,
  onClose,
}: {
  person: PersonDetail;
  action: (typeof STATUS_ACTIONS)[number];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const afterSave = useAfterSave(person);
  const [form] = Form.useForm<{ effectiveDate: Dayjs; reason?: string }>();
  const { busy, run } = useModalSubmit(form, onClose);
  const submit = (values: { effectiveDate: Dayjs; reason?: string }) =>
    run(async () =>
      afterSave(
        await changePersonStatus(person.id, {
          status: action.status,
          effectiveDate: values.effectiveDate.format('YYYY-MM-DD'),
          reason: values.reason?.trim() || undefined,
        }),
      ),
    );
  return (
    <Modal
      open
      title={t('reg.action.statusTitle', { action: t(action.label), name: person.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, danger: true }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ effectiveDate: dayjs() }}>
        <Form.Item name="effectiveDate" label={t('reg.field.effectiveDate')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('reg.field.reason')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
