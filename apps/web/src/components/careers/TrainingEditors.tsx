import { DeleteOutlined } from '@ant-design/icons';
import { label } from '@wangge/rules';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe } from '../../api/auth';
import {
  type TrainingCourseDetail,
  useAddSession,
  useCreateCourse,
  useRecordAttendance,
} from '../../api/careers';
import { isApiError } from '../../api/client';
import type { CareerWorkerRef, TrainingCourse } from '../../api/generated';
import type { Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { PhotoUpload } from '../cases/PhotoUpload';
import { OrgUnitTreeSelect } from '../OrgUnitTreeSelect';
import { useShowError } from '../useShowError';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);

/**
 * Puts a validation error the server names on its form field ("records/2/quizScore" from the
 * operation, "records.2.quizScore" from the schema), else shows it as a toast.
 */
function useFieldError() {
  const showError = useShowError();
  return (error: unknown, form: FormInstance, known: readonly string[]) => {
    const field = isApiError(error) && typeof error.details.field === 'string' ? error.details.field : '';
    const name = field
      .split(/[./]/)
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (name.length > 0 && known.includes(String(name[0])) && error instanceof Error) {
      form.setFields([{ name, errors: [error.message] }]);
      form.scrollToField(name);
    } else showError(error, form);
  };
}

interface CourseDraft {
  unitId: Id;
  title: string;
  kind: 'online' | 'offline';
  hours: number;
  description?: string;
  materialIds?: Id[];
}

/** 新建课程: title, online or offline, hours, description and material images, offered by a unit. */
export function CourseModal(props: { onClose: () => void; onCreated: (course: TrainingCourse) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<CourseDraft>();
  const create = useCreateCourse();
  const fieldError = useFieldError();
  const home = me.scope[0];
  const submit = async (draft: CourseDraft) => {
    try {
      const course = await create.mutateAsync({
        ...draft,
        title: draft.title.trim(),
        description: draft.description?.trim() || undefined,
        materialIds: draft.materialIds?.length ? draft.materialIds : undefined,
      });
      message.success(t('training.created'));
      props.onCreated(course);
    } catch (error) {
      fieldError(error, form, ['unitId', 'title', 'kind', 'hours', 'description', 'materialIds']);
    }
  };
  return (
    <Modal
      open
      title={t('training.newCourse')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending}
      width={640}
      okButtonProps={{ 'data-testid': 'course-save' }}
    >
      <Form<CourseDraft>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="course-form"
        initialValues={{ unitId: home?.id, kind: 'offline', hours: 2 }}
      >
        <Form.Item
          name="title"
          label={t('training.courseTitle')}
          rules={[{ required: true, whitespace: true, message: t('training.required') }]}
        >
          <Input maxLength={100} data-testid="course-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('training.kind')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={(['offline', 'online'] as const).map((k) => ({
                  value: k,
                  label: label('trainingKind', k, lang),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="hours"
              label={t('training.hours')}
              rules={[
                { required: true, message: t('training.required') },
                { type: 'number', min: 0.5, max: 200 },
              ]}
            >
              <InputNumber min={0.5} max={200} step={0.5} precision={1} data-testid="course-hours" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="unitId"
          label={t('training.unit')}
          rules={[{ required: true, message: t('training.required') }]}
        >
          <OrgUnitTreeSelect
            excludeGrids
            knownLabels={home ? { [home.id]: home.name } : undefined}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="description" label={t('training.description')}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="course-description" />
        </Form.Item>
        <Form.Item name="materialIds" label={t('training.materialsHint')}>
          <PhotoUpload max={20} testId="course-materials" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SessionDraft {
  startsAt: Dayjs;
  place?: string;
}

/** 新增场次: when and where a course is given. */
export function SessionModal(props: { course: TrainingCourse; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SessionDraft>();
  const add = useAddSession();
  const fieldError = useFieldError();
  const submit = async (draft: SessionDraft) => {
    try {
      await add.mutateAsync({
        courseId: props.course.id,
        startsAt: draft.startsAt.toISOString(),
        place: draft.place?.trim() || undefined,
      });
      message.success(t('training.sessionAdded'));
      props.onClose();
    } catch (error) {
      fieldError(error, form, ['startsAt', 'place']);
    }
  };
  return (
    <Modal
      open
      title={`${t('training.addSession')} · ${props.course.title}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'session-save' }}
    >
      <Form<SessionDraft>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="session-form"
        initialValues={{
          startsAt: dayjs().minute(0).second(0).millisecond(0),
          place: props.course.kind === 'online' ? '网格学院（线上）' : '',
        }}
      >
        <Form.Item
          name="startsAt"
          label={t('training.startsAt')}
          rules={[{ required: true, message: t('training.required') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
        </Form.Item>
        <Form.Item name="place" label={t('training.place')}>
          <Input maxLength={200} data-testid="session-place" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RecordDraft {
  userId: Id;
  name: string;
  attended: boolean;
  quizScore?: number | null;
  passed?: 'yes' | 'no' | null;
  certificateNo?: string | null;
  certificateIssuedOn?: Dayjs | null;
}

interface AttendanceDraft {
  records: RecordDraft[];
}

type Session = TrainingCourseDetail['sessions'][number];

const draftsOf = (session: Session | undefined): RecordDraft[] =>
  (session?.attendance ?? []).map((a) => ({
    userId: a.userId,
    name: a.name,
    attended: a.attended,
    quizScore: a.quizScore,
    passed: a.passed === null ? null : a.passed ? 'yes' : 'no',
    certificateNo: a.certificateNo,
    certificateIssuedOn: a.certificateIssuedOn ? dayjs(a.certificateIssuedOn) : null,
  }));

/**
 * 登记签到: a session's workers — the ones recorded already, plus any added — each present or
 * absent, with a quiz score, passed or not, and a certificate (number and date together).
 */
export function AttendanceModal(props: {
  detail: TrainingCourseDetail;
  workers: readonly CareerWorkerRef[];
  onClose: () => void;
}) {
  const { detail, workers } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AttendanceDraft>();
  const record = useRecordAttendance();
  const fieldError = useFieldError();
  const [sessionId, setSessionId] = useState<Id | undefined>(detail.sessions[0]?.id);
  // preserve: the whole rows, with the ids and names that no input holds.
  const records: RecordDraft[] = Form.useWatch('records', { form, preserve: true }) ?? [];
  const chosen = new Set(records.map((r) => r.userId));

  const chooseSession = (id: Id) => {
    setSessionId(id);
    form.setFieldsValue({ records: draftsOf(detail.sessions.find((s) => s.id === id)) });
  };
  const addWorkers = (ids: Id[]) => {
    const fresh = ids
      .filter((id) => !chosen.has(id))
      .map((id) => ({ userId: id, name: workers.find((w) => w.id === id)?.name ?? id, attended: true }));
    form.setFieldsValue({ records: [...(form.getFieldValue('records') ?? []), ...fresh] });
  };

  const submit = async () => {
    if (!sessionId) return;
    // The whole rows, with the ids and names no input holds.
    const draft: AttendanceDraft = { records: form.getFieldValue('records') ?? [] };
    if (!draft.records.length) {
      message.warning(t('training.noRecords'));
      return;
    }
    try {
      const result = await record.mutateAsync({
        sessionId,
        records: draft.records.map((r) => ({
          userId: r.userId,
          attended: r.attended,
          quizScore: r.quizScore ?? null,
          passed: r.passed ? r.passed === 'yes' : null,
          certificateNo: r.certificateNo?.trim() || null,
          certificateIssuedOn: r.certificateIssuedOn ? r.certificateIssuedOn.format('YYYY-MM-DD') : null,
        })),
      });
      message.success(t('training.recorded', { n: result.recorded }));
      props.onClose();
    } catch (error) {
      fieldError(error, form, ['records']);
    }
  };

  return (
    <Modal
      open
      title={`${t('training.markAttendance')} · ${detail.course.title}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ disabled: !sessionId, 'data-testid': 'attendance-save' }}
      width={1040}
    >
      {detail.sessions.length === 0 ? (
        <Empty description={t('training.noSessions')} />
      ) : (
        <Form<AttendanceDraft>
          form={form}
          onFinish={submit}
          data-testid="attendance-form"
          initialValues={{ records: draftsOf(detail.sessions[0]) }}
        >
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col span={10}>
              <Typography.Text type="secondary">{t('training.session')}：</Typography.Text>
              <Select<Id>
                style={{ width: 'calc(100% - 48px)' }}
                value={sessionId}
                onChange={chooseSession}
                data-testid="attendance-session"
                options={detail.sessions.map((s) => ({
                  value: s.id,
                  label: `${when(s.startsAt)}${s.place ? ` · ${s.place}` : ''}`,
                }))}
              />
            </Col>
            <Col span={14}>
              <Select<Id[]>
                mode="multiple"
                style={{ width: '100%' }}
                placeholder={t('training.pickWorkers')}
                value={[]}
                onSelect={(id: Id) => addWorkers([id])}
                showSearch
                optionFilterProp="label"
                data-testid="attendance-pick"
                options={workers
                  .filter((w) => !chosen.has(w.id))
                  .map((w) => ({ value: w.id, label: `${w.name} · ${w.unitName}` }))}
              />
            </Col>
          </Row>
          <Row gutter={8} style={{ fontWeight: 600, marginBottom: 8 }}>
            <Col span={4}>{t('careers.worker')}</Col>
            <Col span={3}>{t('training.attended')}</Col>
            <Col span={3}>{t('training.quizScore')}</Col>
            <Col span={4}>{t('training.passed')}</Col>
            <Col span={4}>{t('training.certificateNo')}</Col>
            <Col span={5}>{t('training.certificateIssuedOn')}</Col>
          </Row>
          <Form.List name="records">
            {(fields, { remove }) =>
              fields.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training.noRecords')} />
              ) : (
                <div style={{ maxHeight: 420, overflowY: 'auto', overflowX: 'hidden' }}>
                  {fields.map((field) => {
                    const row = records[field.name];
                    return (
                      <Row
                        gutter={8}
                        key={field.key}
                        align="top"
                        data-testid={`attendance-row-${row?.userId ?? field.key}`}
                      >
                        <Col span={4} style={{ paddingTop: 5 }}>
                          {row?.name}
                        </Col>
                        <Col span={3}>
                          <Form.Item name={[field.name, 'attended']} valuePropName="checked">
                            <Checkbox>{t('training.attended')}</Checkbox>
                          </Form.Item>
                        </Col>
                        <Col span={3}>
                          <Form.Item name={[field.name, 'quizScore']}>
                            <InputNumber min={0} max={100} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col span={4}>
                          <Form.Item name={[field.name, 'passed']}>
                            <Select<'yes' | 'no'>
                              allowClear
                              placeholder="—"
                              options={[
                                { value: 'yes', label: t('training.passedYes') },
                                { value: 'no', label: t('training.passedNo') },
                              ]}
                            />
                          </Form.Item>
                        </Col>
                        <Col span={4}>
                          <Form.Item name={[field.name, 'certificateNo']}>
                            <Input maxLength={60} />
                          </Form.Item>
                        </Col>
                        <Col span={5}>
                          <Form.Item
                            name={[field.name, 'certificateIssuedOn']}
                            dependencies={[['records', field.name, 'certificateNo']]}
                            rules={[
                              ({ getFieldValue }) => ({
                                validator(_, value: Dayjs | null | undefined) {
                                  const no = getFieldValue(['records', field.name, 'certificateNo']) as
                                    | string
                                    | null
                                    | undefined;
                                  return Boolean(no?.trim()) === Boolean(value)
                                    ? Promise.resolve()
                                    : Promise.reject(new Error(t('training.certificateBoth')));
                                },
                              }),
                            ]}
                          >
                            <DatePicker style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col span={1}>
                          <Button
                            type="text"
                            icon={<DeleteOutlined />}
                            aria-label={t('training.remove')}
                            onClick={() => remove(field.name)}
                          />
                        </Col>
                      </Row>
                    );
                  })}
                </div>
              )
            }
          </Form.List>
        </Form>
      )}
    </Modal>
  );
}
