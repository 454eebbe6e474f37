import { useQueryClient } from '@tanstack/react-query';
import { ATTENTION_LEVELS, CARE_GROUP_TYPES, SPECIAL_GROUP_TYPES } from '@wangge/rules';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { closeGroupRecord, type GroupFamily, openGroupRecord, registerKeys } from '../../api/registers';
import type { GroupRecord, Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { ExtraFieldsForm, extraFromForm } from './ExtraFieldsForm';
import { ATTENTION_COLORS, formatExtraValue, groupSpec, useRegisterLabels } from './labels';
import { useModalSubmit } from './useModalSubmit';

/** The records of one family (special or care), with their typed fields and a close button for writers. */
export function GroupRecords({
  family,
  personId,
  records,
  canWrite,
}: {
  family: GroupFamily;
  personId: Id;
  records: GroupRecord[];
  canWrite: boolean;
}) {
  const { t, pick } = useI18n();
  const labels = useRegisterLabels();
  const [closing, setClosing] = useState<GroupRecord | null>(null);
  if (records.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reg.person.groupsEmpty')} />;
  const sorted = [...records].sort((a, b) => Number(b.open) - Number(a.open));
  return (
    <div data-testid={`person-${family}-groups`}>
      {sorted.map((record) => {
        const spec = groupSpec(family, record.typeCode);
        const extra = record.extra ?? {};
        return (
          <div
            key={record.id}
            className={`reg-group-record${record.open ? '' : ' closed'}`}
            data-testid={`group-record-${record.id}`}
            data-open={record.open}
          >
            <div className="reg-group-head">
              <Space size={6} wrap>
                <Tag color={family === 'special' ? 'red' : 'green'}>
                  {family === 'special' ? `${record.typeCode} ` : ''}
                  {labels.group(family, record.typeCode)}
                </Tag>
                <Tag color={ATTENTION_COLORS[record.attentionLevel]}>
                  {t('reg.field.attention')}：{labels.attention(record.attentionLevel)}
                </Tag>
                <Typography.Text type="secondary">
                  {record.openedOn} → {record.closedOn ?? t('reg.person.current')}
                </Typography.Text>
              </Space>
              {canWrite && record.open && (
                <Button
                  size="small"
                  onClick={() => setClosing(record)}
                  data-testid={`group-close-${record.id}`}
                >
                  {t('reg.action.close')}
                </Button>
              )}
            </div>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                ...(spec?.fields ?? []).map((field) => ({
                  key: field.key,
                  label: labels.fieldLabel(field),
                  children: formatExtraValue(field, extra[field.key], pick, (v) =>
                    t(v ? 'common.yes' : 'common.no'),
                  ),
                })),
                ...(record.closeReason
                  ? [{ key: 'closeReason', label: t('reg.field.closeReason'), children: record.closeReason }]
                  : []),
              ]}
            />
          </div>
        );
      })}
      {closing && (
        <CloseGroupModal
          family={family}
          personId={personId}
          record={closing}
          onClose={() => setClosing(null)}
        />
      )}
    </div>
  );
}

/**
 * After a group record opens or closes: the person (flags, attention level) and their history are
 * stale, so both are fetched again before the success toast.
 */
function useGroupsChanged(personId: Id) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: registerKeys.person(personId) });
    await queryClient.invalidateQueries({ queryKey: registerKeys.events('people', personId) });
    message.success(t('reg.action.done'));
  };
}

function CloseGroupModal({
  family,
  personId,
  record,
  onClose,
}: {
  family: GroupFamily;
  personId: Id;
  record: GroupRecord;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const labels = useRegisterLabels();
  const groupsChanged = useGroupsChanged(personId);
  const [form] = Form.useForm<{ closedOn: Dayjs; reason: string }>();
  const { busy, run } = useModalSubmit(form, onClose);
  const submit = (values: { closedOn: Dayjs; reason: string }) =>
    run(async () => {
      await closeGroupRecord(family, record.id, {
        closedOn: values.closedOn.format('YYYY-MM-DD'),
        reason: values.reason.trim(),
      });
      await groupsChanged();
    });
  return (
    <Modal
      open
      title={t('reg.action.closeTitle', { group: labels.group(family, record.typeCode) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ closedOn: dayjs() }}>
        <Form.Item name="closedOn" label={t('reg.field.closedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('reg.field.closeReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OpenValues {
  typeCode: string;
  attentionLevel: string;
  openedOn: Dayjs;
  extra?: Record<string, unknown>;
}

/** Opens a group record; the form's fields come from the chosen type's specs in @wangge/rules. */
export function OpenGroupModal({
  family,
  personId,
  allowed,
  onClose,
}: {
  family: GroupFamily;
  personId: Id;
  /** special: the codes the caller may write (from the person's actions); care: every type. */
  allowed: string[];
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const groupsChanged = useGroupsChanged(personId);
  const [form] = Form.useForm<OpenValues>();
  const typeCode = Form.useWatch('typeCode', form);
  const { busy, run } = useModalSubmit(form, onClose);
  const types: { value: string; label: string }[] =
    family === 'special'
      ? SPECIAL_GROUP_TYPES.filter((g) => allowed.includes(g.code)).map((g) => ({
          value: g.code,
          label: `${g.code} ${pick(g.labelZh, g.labelEn)}`,
        }))
      : CARE_GROUP_TYPES.map((g) => ({ value: g.key, label: pick(g.labelZh, g.labelEn) }));
  const spec = typeCode ? groupSpec(family, typeCode) : undefined;

  const submit = (values: OpenValues) =>
    run(async () => {
      await openGroupRecord(family, personId, {
        typeCode: values.typeCode,
        attentionLevel: values.attentionLevel,
        openedOn: values.openedOn.format('YYYY-MM-DD'),
        extra: extraFromForm(spec?.fields ?? [], values.extra),
      });
      await groupsChanged();
    });

  return (
    <Modal
      open
      title={t('reg.action.openTitle', {
        family: t(family === 'special' ? 'reg.person.special' : 'reg.person.care'),
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ attentionLevel: 'normal', openedOn: dayjs() }}
        data-testid={`group-open-form-${family}`}
      >
        <Form.Item name="typeCode" label={t('reg.action.groupType')} rules={[{ required: true }]}>
          <Select options={types} placeholder={t('reg.action.select')} />
        </Form.Item>
        <Form.Item name="attentionLevel" label={t('reg.field.attention')} rules={[{ required: true }]}>
          <Select
            options={ATTENTION_LEVELS.map((l) => ({ value: l.key, label: pick(l.labelZh, l.labelEn) }))}
          />
        </Form.Item>
        <Form.Item name="openedOn" label={t('reg.field.openedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        {spec && <ExtraFieldsForm key={typeCode} fields={spec.fields} />}
      </Form>
    </Modal>
  );
}
