import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CASE_TRANSITIONS, type CaseActionNeed, isCaseAction } from '@wangge/rules';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { caseKeys, performCaseAction, useCaseTargets } from '../../api/cases';
import { isApiError } from '../../api/client';
import { notificationKeys } from '../../api/notifications';
import type { CaseActionBody, CaseDetail, Id, TimeUnit } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';
import { useCaseLabels } from './labels';
import { PhotoUpload } from './PhotoUpload';
import { SatisfactionInput } from './Satisfaction';

/** Tall enough that a district's bureaus and a street's stations all show without scrolling. */
const PICKER_HEIGHT = 560;

/** Actions whose feedback usually carries photos, even where the rules do not demand them. */
const OPTIONAL_PHOTOS = new Set(['handle', 'verifyPass', 'verifyFail', 'confirm']);

interface Values {
  reason?: string;
  note?: string;
  publicNote?: string;
  photoIds?: Id[];
  target?: string;
  targets?: Id[];
  lead?: Id;
  rating?: number;
  satisfaction?: number;
  comment?: string;
  extension?: { amount?: number; unit?: TimeUnit };
}

export function needsOf(action: string): readonly CaseActionNeed[] {
  return isCaseAction(action) ? (CASE_TRANSITIONS[action].needs ?? []) : [];
}

function bodyOf(values: Values, version: number, needs: readonly CaseActionNeed[]): CaseActionBody {
  const body: CaseActionBody = { version };
  const reason = values.reason?.trim();
  const note = values.note?.trim();
  if (reason) body.reason = reason;
  if (note) body.note = note;
  const publicNote = values.publicNote?.trim();
  if (publicNote) body.publicNote = publicNote;
  if (values.photoIds?.length) body.photoIds = values.photoIds;
  if (needs.includes('target') && values.target) {
    const [type, id] = values.target.split(':');
    if ((type === 'unit' || type === 'department') && id) body.target = { type, id };
  }
  if (needs.includes('targets') && values.targets?.length) {
    const lead = values.lead && values.targets.includes(values.lead) ? values.lead : values.targets[0];
    body.targets = values.targets.map((departmentId) => ({ departmentId, lead: departmentId === lead }));
  }
  if (values.rating) body.rating = values.rating;
  if (values.satisfaction) body.satisfaction = values.satisfaction;
  const comment = values.comment?.trim();
  if (comment) body.comment = comment;
  if (needs.includes('extension') && values.extension?.amount && values.extension.unit)
    body.extension = { amount: values.extension.amount, unit: values.extension.unit };
  return body;
}

/**
 * One action on a case: asks for exactly the inputs CASE_TRANSITIONS[action].needs names, sends
 * POST /api/cases/:id/actions/:action with the detail's version. A stale version (409) refetches.
 * Mounted only while open, so each opening starts with an empty form.
 */
export function CaseActionModal({
  detail,
  action,
  onClose,
}: {
  detail: CaseDetail;
  action: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { actionLabel } = useCaseLabels();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const needs = needsOf(action);
  const wantsTargets = needs.includes('target') || needs.includes('targets');
  const targets = useCaseTargets(detail.id, wantsTargets);
  const chosen = Form.useWatch('targets', form) ?? [];

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      performCaseAction(detail.id, action, bodyOf(values, detail.version, needs)),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(detail.id), updated);
      queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      queryClient.invalidateQueries({ queryKey: caseKeys.targets(detail.id) });
      queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      message.success(t('case.actionDone', { action: actionLabel(action) }));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        // In the console's language, not the server's bilingual text; the buttons refresh below.
        if (error.code === 'stale_version') message.warning(t('case.stale'));
        else if (error.code === 'already_reported') message.info(t('case.alreadyReported'));
        else message.warning(t('case.conflict'));
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(detail.id) });
        onClose();
        return;
      }
      showError(error, form);
    },
  });

  const unitOptions = (targets.data?.units ?? []).map((unit) => ({
    value: `unit:${unit.id}`,
    label: `${unit.name}（${t(`level.${unit.level}`)}）${unit.code}`,
  }));
  // Grouped by the level they belong to (district bureaus, street stations), every one listed.
  const departmentGroups = (value: (id: Id) => string) =>
    [...new Set((targets.data?.departments ?? []).map((dept) => dept.level))].map((level) => ({
      label: t('case.departmentsOf', { level: t(`level.${level}`) }),
      options: (targets.data?.departments ?? [])
        .filter((dept) => dept.level === level)
        .map((dept) => ({
          value: value(dept.id),
          label: `${dept.name}${dept.isPolice ? ` · ${t('case.police')}` : ''}`,
        })),
    }));
  const departmentCount = targets.data?.departments.length ?? 0;
  const unitCount = targets.data?.units.length ?? 0;
  const departmentName = (id: Id) => targets.data?.departments.find((dept) => dept.id === id)?.name ?? id;
  const isReturnVisit = action === 'returnVisit';
  const hasText = needs.includes('reason') || needs.includes('note');

  return (
    <Modal
      open
      title={`${actionLabel(action)} · ${detail.code}`}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      footer={
        <div className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="case-action-submit"
          >
            {actionLabel(action)}
          </Button>
        </div>
      }
    >
      <div data-testid="case-action-modal" data-action={action}>
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ extension: { unit: 'days' } }}
          onFinish={(values) => mutation.mutate(values)}
        >
          {detail.pendingExtension && (action === 'approveExtension' || action === 'rejectExtension') && (
            <Alert
              className="stack-gap"
              type="info"
              showIcon
              title={`${t('case.pendingExtension')}${t('case.colon')}${detail.pendingExtension.amount} ${t(
                detail.pendingExtension.unit === 'days' ? 'case.unitDays' : 'case.unitHours',
              )} · ${detail.pendingExtension.reason}`}
            />
          )}
          {needs.includes('target') && (
            <Form.Item
              name="target"
              label={t('case.target')}
              rules={[{ required: true }]}
              extra={
                <span data-testid="case-action-target-hint">
                  {t('case.pickerHint', { n: unitCount + departmentCount })}
                </span>
              }
            >
              <Select
                data-testid="case-action-target"
                popupMatchSelectWidth={false}
                listHeight={PICKER_HEIGHT}
                loading={targets.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('case.chooseTarget')}
                options={[
                  ...(unitOptions.length ? [{ label: t('case.units'), options: unitOptions }] : []),
                  ...departmentGroups((id) => `department:${id}`),
                ]}
              />
            </Form.Item>
          )}
          {needs.includes('targets') && (
            <>
              <Form.Item
                name="targets"
                label={t('case.targets')}
                rules={[{ required: true }]}
                extra={
                  <span data-testid="case-action-targets-hint">
                    {t('case.pickerHint', { n: departmentCount })}
                  </span>
                }
              >
                <Select<Id[]>
                  mode="multiple"
                  data-testid="case-action-targets"
                  listHeight={PICKER_HEIGHT}
                  loading={targets.isPending}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('case.chooseDepartments')}
                  options={departmentGroups((id) => id)}
                />
              </Form.Item>
              {chosen.length > 0 && (
                <Form.Item name="lead" label={t('case.lead')} initialValue={chosen[0]}>
                  <Radio.Group>
                    <Space orientation="vertical">
                      {chosen.map((id) => (
                        <Radio key={id} value={id}>
                          {departmentName(id)}
                        </Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                </Form.Item>
              )}
            </>
          )}
          {needs.includes('extension') && (
            <Form.Item label={t('case.extension')} required>
              <Space.Compact>
                <Form.Item name={['extension', 'amount']} noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={365} precision={0} placeholder={t('case.amount')} />
                </Form.Item>
                <Form.Item name={['extension', 'unit']} noStyle>
                  <Select<TimeUnit>
                    style={{ width: 110 }}
                    options={[
                      { value: 'hours', label: t('case.unitHours') },
                      { value: 'days', label: t('case.unitDays') },
                    ]}
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          )}
          {needs.includes('rating') && (
            <Form.Item name="rating" label={t('case.rating')} rules={[{ required: true }]}>
              <SatisfactionInput testId="case-action-rating" />
            </Form.Item>
          )}
          {needs.includes('reason') && (
            <Form.Item name="reason" label={t('case.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="case-action-reason" />
            </Form.Item>
          )}
          {needs.includes('note') && (
            <Form.Item
              name="note"
              label={isReturnVisit ? t('case.returnVisitNote') : t('case.note')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid="case-action-note" />
            </Form.Item>
          )}
          {!hasText && (
            <Form.Item name="note" label={t('case.noteOptional')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="case-action-note" />
            </Form.Item>
          )}
          <Form.Item name="publicNote" label={t('case.publicNoteOptional')} extra={t('case.publicNoteHelp')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="case-action-public-note" />
          </Form.Item>
          {isReturnVisit && (
            <>
              <Form.Item name="satisfaction" label={t('case.satisfaction')}>
                <SatisfactionInput testId="case-action-satisfaction" />
              </Form.Item>
              <Form.Item name="comment" label={t('case.comment')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          )}
          {(needs.includes('photos') || OPTIONAL_PHOTOS.has(action)) && (
            <Form.Item
              name="photoIds"
              label={needs.includes('photos') ? t('case.photos') : t('case.photosOptional')}
              rules={needs.includes('photos') ? [{ required: true, type: 'array', min: 1 }] : []}
            >
              <PhotoUpload testId="case-action-photos" />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
