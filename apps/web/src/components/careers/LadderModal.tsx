import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type PayLadderList, useSaveLadder } from '../../api/careers';
import { isApiError } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

interface Draft {
  effectiveFrom: Dayjs;
  pay: (number | null)[];
  note?: string;
}

const GRADES = Array.from({ length: 12 }, (_, i) => i);

/**
 * The form field a server error names: `payFen.3` (schema) or `payFen` with "grade N pays less"
 * (the ladder rule) → that grade's amount; `effectiveFrom` and `note` as they are.
 */
function fieldOf(field: string, message: string): ['pay', number] | ['effectiveFrom' | 'note'] | null {
  const index = /^payFen\.(\d+)$/.exec(field);
  if (index) return ['pay', Number(index[1])];
  if (field === 'payFen') {
    const grade = /grade (\d+) pays less/.exec(message);
    return grade ? ['pay', Number(grade[1]) - 1] : null;
  }
  return field === 'effectiveFrom' || field === 'note' ? [field] : null;
}

/** 调整薪酬等级: the 12 monthly amounts in yuan, from a month, saved as a new version of the ladder. */
export function LadderModal(props: { ladder: PayLadderList; open: boolean; onClose: () => void }) {
  const { ladder, open, onClose } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Draft>();
  const save = useSaveLadder();
  const current = ladder.current?.payFen ?? [];

  const submit = async (draft: Draft) => {
    try {
      await save.mutateAsync({
        unitId: ladder.unit.id,
        effectiveFrom: draft.effectiveFrom.format('YYYY-MM'),
        payFen: draft.pay.map((y) => Math.round((y ?? 0) * 100)),
        note: draft.note?.trim() || undefined,
      });
      message.success(t('careers.ladderSaved'));
      onClose();
    } catch (error) {
      const name =
        isApiError(error) && error.details.field ? fieldOf(error.details.field, error.message) : null;
      if (name) form.setFields([{ name, errors: [error instanceof Error ? error.message : String(error)] }]);
      else showError(error, form);
    }
  };

  return (
    <Modal
      open={open}
      title={`${t('careers.editLadder')} · ${ladder.unit.name}`}
      okText={t('careers.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'ladder-save' }}
    >
      <Typography.Paragraph type="secondary">{t('careers.ladderHint')}</Typography.Paragraph>
      <Form<Draft>
        form={form}
        layout="horizontal"
        labelCol={{ span: 8 }}
        wrapperCol={{ span: 16 }}
        onFinish={submit}
        data-testid="ladder-form"
        initialValues={{
          effectiveFrom: dayjs(),
          pay: GRADES.map((g) => (current[g] === undefined ? null : current[g]! / 100)),
          note: '',
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="effectiveFrom"
              label={t('careers.effectiveFrom')}
              rules={[{ required: true, message: t('careers.monthRequired') }]}
            >
              <DatePicker picker="month" allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {GRADES.map((g) => (
            <Col span={12} key={g}>
              <Form.Item
                name={['pay', g]}
                label={t('careers.gradeN', { n: g + 1 })}
                dependencies={g > 0 ? [['pay', g - 1]] : []}
                rules={[
                  { required: true, message: t('careers.payRequired') },
                  ({ getFieldValue }) => ({
                    validator(_, value: number | null) {
                      if (value === null || value === undefined) return Promise.resolve();
                      if (value <= 0) return Promise.reject(new Error(t('careers.payPositive')));
                      const below = g > 0 ? (getFieldValue(['pay', g - 1]) as number | null) : null;
                      if (below !== null && below !== undefined && value < below) {
                        return Promise.reject(new Error(t('careers.payNotBelow', { n: g, pay: below })));
                      }
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber
                  min={0}
                  max={1_000_000}
                  precision={2}
                  step={100}
                  addonAfter={t('careers.yuan')}
                  style={{ width: '100%' }}
                  data-testid={`ladder-pay-${g + 1}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item
          name="note"
          label={t('careers.ladderNote')}
          labelCol={{ span: 4 }}
          wrapperCol={{ span: 20 }}
        >
          <Input maxLength={500} data-testid="ladder-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
