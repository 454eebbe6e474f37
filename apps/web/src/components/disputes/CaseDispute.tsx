import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DISPUTE_RISK_LEVELS, isDisputeCategory, label, MEDIATOR_KINDS } from '@wangge/rules';
import { App, Button, Card, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type DisputeDetail, type DisputeSummary, disputeKeys } from '../../api/disputes';
import { useI18n } from '../../i18n/useI18n';
import { DISPUTE_STATE_COLOR, RISK_COLOR } from '../../pages/DisputesPage';
import { useShowError } from '../useShowError';

interface Status {
  record: DisputeSummary | null;
  actions: 'open'[];
}

interface OpenForm {
  riskLevel: string;
  summary: string;
  applicant: string;
  respondent: string;
  mediators: { kind: string; name: string; organisation?: string }[];
}

/** On a dispute case: its mediation record, or the button that opens one (when the server allows). */
export function CaseDispute({ caseId, categoryCode }: { caseId: string; categoryCode: string }) {
  const { t, lang } = useI18n();
  const [opening, setOpening] = useState(false);
  const status = useQuery({
    queryKey: [...disputeKeys.detail(caseId), 'status'],
    queryFn: () => api.get<Status>(`/api/cases/${caseId}/dispute-status`),
    enabled: isDisputeCategory(categoryCode),
  });
  if (!status.data || (!status.data.record && status.data.actions.length === 0)) return null;
  const record = status.data.record;
  return (
    <Card size="small" className="stack-gap" title={t('nav.disputes')} data-testid="case-dispute">
      {record ? (
        <Space wrap>
          <Tag color={DISPUTE_STATE_COLOR[record.state]}>{label('disputeState', record.state, lang)}</Tag>
          <Tag color={RISK_COLOR[record.riskLevel]}>{label('disputeRisk', record.riskLevel, lang)}</Tag>
          <span data-user-content>{record.summary}</span>
          <Link to={`/disputes/${caseId}`}>{t('dispute.openRecord')}</Link>
        </Space>
      ) : (
        <Button type="primary" onClick={() => setOpening(true)} data-testid="dispute-open">
          {t('dispute.register')}
        </Button>
      )}
      {opening && <OpenDispute caseId={caseId} onClose={() => setOpening(false)} />}
    </Card>
  );
}

function OpenDispute({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OpenForm>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: OpenForm) => {
    setBusy(true);
    try {
      const created = await api.post<DisputeDetail>(`/api/cases/${caseId}/dispute`, {
        riskLevel: values.riskLevel,
        summary: values.summary,
        parties: [
          { role: 'applicant', name: values.applicant },
          { role: 'respondent', name: values.respondent },
        ],
        mediators: (values.mediators ?? []).filter((m) => m.name?.trim()),
      });
      queryClient.setQueryData(disputeKeys.detail(caseId), created);
      await queryClient.invalidateQueries({ queryKey: disputeKeys.all });
      message.success(t('errand.done'));
      onClose();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('dispute.register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ id: 'dispute-open-submit' }}
    >
      <Form<OpenForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ riskLevel: 'low', mediators: [{ kind: 'judicial_mediator', name: '' }] }}
      >
        <Form.Item name="riskLevel" label={t('dispute.risk')} rules={[{ required: true }]}>
          <Select
            options={DISPUTE_RISK_LEVELS.map((r) => ({ value: r, label: label('disputeRisk', r, lang) }))}
          />
        </Form.Item>
        <Form.Item name="summary" label={t('dispute.summary')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="dispute-summary" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="applicant"
            label={label('partyRole', 'applicant', lang)}
            rules={[{ required: true, whitespace: true }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={50} data-testid="dispute-applicant" />
          </Form.Item>
          <Form.Item
            name="respondent"
            label={label('partyRole', 'respondent', lang)}
            rules={[{ required: true, whitespace: true }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={50} data-testid="dispute-respondent" />
          </Form.Item>
        </Space.Compact>
        <Form.List name="mediators">
          {(fields, { add }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'kind']} label={t('dispute.mediators')}>
                    <Select
                      style={{ width: 150 }}
                      options={MEDIATOR_KINDS.map((k) => ({
                        value: k,
                        label: label('mediatorKind', k, lang),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} label={t('dispute.mediatorName')}>
                    <Input maxLength={50} data-testid={`dispute-mediator-name-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'organisation']} label={t('dispute.organisation')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ kind: 'lawyer', name: '' })}>
                {t('dispute.addMediator')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
