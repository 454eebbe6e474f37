import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUILTIN_INDICATORS,
  DEFAULT_GRADE_BANDS,
  DEFAULT_WORKER_WEIGHTS,
  LABELS,
  label,
} from '@wangge/rules';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import {
  type AssessmentPeriod,
  assessmentKeys,
  createScheme,
  fmtScore,
  freezePeriod,
  type Grade,
  previewScheme,
  type Scheme,
  type SchemeBody,
  type SchemeIndicator,
  type SchemePreview,
  type SubjectType,
  subjectName,
  usePeriods,
  useSchemes,
} from '../api/assessment';
import { hasPermission, useMe } from '../api/auth';
import { isApiError } from '../api/client';
import { fetchOrgChildren } from '../api/org';
import type { Id } from '../api/types';
import { GradeTag, MonthPicker } from '../components/assessment/parts';
import { useI18n } from '../i18n/useI18n';

const SUBJECTS: SubjectType[] = ['worker', 'department', 'dispatcher', 'area'];
const GRADES: Grade[] = ['A', 'B', 'C', 'D'];

interface Draft {
  effectiveFrom: string;
  indicators: SchemeIndicator[];
  bands: Record<Grade, number>;
  note: string;
}

/** The built-in scheme of a subject: the indicators' own targets, the default weights (else equal). */
function defaultDraft(subject: SubjectType): Draft {
  const specs = BUILTIN_INDICATORS.filter((i) => i.subject === subject);
  const equal = Math.floor(100 / specs.length);
  const indicators = specs.map((spec, i) => ({
    code: spec.code,
    weight:
      subject === 'worker'
        ? (DEFAULT_WORKER_WEIGHTS[spec.code] ?? 0)
        : equal + (i < 100 - equal * specs.length ? 1 : 0),
    target: spec.target,
    scaling: null,
  }));
  const bands = Object.fromEntries(
    DEFAULT_GRADE_BANDS.filter((b) => b.grade !== 'E').map((b) => [b.grade, b.min]),
  ) as Record<Grade, number>;
  return { effectiveFrom: nextMonth(), indicators, bands, note: '' };
}

function fromScheme(scheme: Scheme): Draft {
  const defaults = defaultDraft(scheme.subject);
  const indicators = defaults.indicators.map(
    (d) => scheme.indicators.find((i) => i.code === d.code) ?? { ...d, weight: 0 },
  );
  const bands = { ...defaults.bands };
  for (const b of scheme.bands) if (b.grade !== 'E') bands[b.grade] = b.min;
  return { effectiveFrom: nextMonth(), indicators, bands, note: '' };
}

function nextMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Districts the caller may set schemes for: their own, or the districts of their city. */
function useDistricts() {
  const me = useMe();
  return useQuery({
    queryKey: ['assessment', 'districts', me.id],
    queryFn: async () => {
      const own = me.scope.filter((u) => u.level === 'district').map((u) => ({ id: u.id, name: u.name }));
      if (own.length > 0) return own;
      // A city-wide caller: the districts at the top of the tree.
      const top = await fetchOrgChildren(null);
      return top.flatMap((u) => (u.level === 'district' ? [{ id: u.id, name: u.name }] : []));
    },
  });
}

/** 考核方案: weights, targets, differentiated targets and grade bands per district, with history. */
export default function AssessmentSchemesPage() {
  const { t, lang, dateTime } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const districts = useDistricts();
  const [unitId, setUnitId] = useState<Id | undefined>();
  const [subject, setSubject] = useState<SubjectType>('worker');
  const district = unitId ?? districts.data?.[0]?.id;
  const schemes = useSchemes({ unitId: district, subject });
  const periods = usePeriods(district);
  const [draft, setDraft] = useState<Draft>(() => defaultDraft('worker'));
  const [preview, setPreview] = useState<SchemePreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = schemes.data?.items[0];
  // The server says what the caller may do; before it answers, the permission decides.
  const canManage = schemes.data
    ? schemes.data.actions.includes('create')
    : hasPermission(me, 'assessment.manage');

  // A new district or subject starts from its newest version, else from the built-in defaults.
  useEffect(() => {
    setDraft(latest ? fromScheme(latest) : defaultDraft(subject));
    setPreview(null);
    setProblem(null);
  }, [latest, subject]);

  const sum = draft.indicators.reduce((s, i) => s + (i.weight ?? 0), 0);
  const body = (): SchemeBody | null =>
    district
      ? {
          unitId: district,
          subject,
          effectiveFrom: draft.effectiveFrom,
          indicators: draft.indicators,
          bands: [
            ...GRADES.map((grade) => ({ grade, min: draft.bands[grade] })),
            { grade: 'E' as const, min: 0 },
          ],
          note: draft.note,
        }
      : null;
  const failed = (error: unknown) => {
    const field = isApiError(error) ? error.details.field : undefined;
    setProblem(`${error instanceof Error ? error.message : String(error)}${field ? `（${field}）` : ''}`);
  };
  const runPreview = async () => {
    const b = body();
    if (!b) return;
    setBusy('preview');
    setProblem(null);
    try {
      setPreview(await previewScheme(b));
    } catch (error) {
      failed(error);
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    const b = body();
    if (!b) return;
    setBusy('save');
    setProblem(null);
    try {
      await createScheme(b);
      message.success(t('assess.schemeSaved', { month: b.effectiveFrom }));
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(null);
    }
  };
  const patch = (code: string, change: Partial<SchemeIndicator>) =>
    setDraft((d) => ({
      ...d,
      indicators: d.indicators.map((i) => (i.code === code ? { ...i, ...change } : i)),
    }));
  const measures = useMemo(
    () =>
      Object.keys(LABELS.eventCount).map((name) => ({
        value: name,
        label: label('eventCount', name, lang),
      })),
    [lang],
  );

  return (
    <div data-testid="assessment-schemes">
      <Card title={t('assess.schemes')} className="stack-gap">
        <Space wrap size="middle">
          <span>{t('assess.district')}</span>
          <Select
            style={{ minWidth: 180 }}
            value={district}
            onChange={setUnitId}
            loading={districts.isFetching}
            options={(districts.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            data-testid="scheme-district"
          />
          <span>{t('assess.subject')}</span>
          <Select<SubjectType>
            style={{ minWidth: 120 }}
            value={subject}
            onChange={setSubject}
            data-testid="scheme-subject"
            options={SUBJECTS.map((s) => ({ value: s, label: label('assessmentSubject', s, lang) }))}
          />
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={15}>
          <Card
            size="small"
            className="stack-gap"
            title={
              <Space>
                {t('common.edit')}
                <Tag color={sum === 100 ? 'green' : 'red'} data-testid="weights-sum">
                  {t('assess.weightsSum', { sum })}
                </Tag>
              </Space>
            }
            extra={
              <Space>
                <Button onClick={runPreview} loading={busy === 'preview'} data-testid="scheme-preview">
                  {t('assess.preview')}
                </Button>
                {canManage && (
                  <Button
                    type="primary"
                    onClick={save}
                    loading={busy === 'save'}
                    disabled={sum !== 100}
                    data-testid="scheme-save"
                  >
                    {t('assess.saveScheme')}
                  </Button>
                )}
              </Space>
            }
          >
            {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
            <Table<SchemeIndicator>
              rowKey="code"
              size="small"
              pagination={false}
              data-testid="scheme-indicators"
              dataSource={draft.indicators}
              expandable={{
                expandedRowRender: (i) => (
                  <Space wrap data-testid={`scaling-${i.code}`}>
                    <span>{t('assess.scaling')}</span>
                    <Select
                      allowClear
                      style={{ minWidth: 200 }}
                      placeholder={t('assess.noScaling')}
                      value={i.scaling?.measure}
                      options={measures}
                      onChange={(measure?: string) =>
                        patch(i.code, {
                          scaling: measure
                            ? {
                                measure,
                                reference: i.scaling?.reference ?? 1,
                                elasticity: i.scaling?.elasticity ?? 1,
                              }
                            : null,
                        })
                      }
                    />
                    {i.scaling && (
                      <>
                        <span>{t('assess.reference')}</span>
                        <InputNumber
                          min={0}
                          value={i.scaling.reference}
                          onChange={(v) =>
                            i.scaling && patch(i.code, { scaling: { ...i.scaling, reference: v ?? 0 } })
                          }
                        />
                        <span>{t('assess.elasticity')}</span>
                        <InputNumber
                          min={0}
                          max={2}
                          step={0.1}
                          value={i.scaling.elasticity}
                          onChange={(v) =>
                            i.scaling && patch(i.code, { scaling: { ...i.scaling, elasticity: v ?? 0 } })
                          }
                        />
                        <span>{t('assess.min')}</span>
                        <InputNumber
                          value={i.scaling.min}
                          onChange={(v) =>
                            i.scaling && patch(i.code, { scaling: { ...i.scaling, min: v ?? undefined } })
                          }
                        />
                        <span>{t('assess.max')}</span>
                        <InputNumber
                          value={i.scaling.max}
                          onChange={(v) =>
                            i.scaling && patch(i.code, { scaling: { ...i.scaling, max: v ?? undefined } })
                          }
                        />
                      </>
                    )}
                  </Space>
                ),
              }}
              columns={[
                { title: t('assess.indicator'), render: (_, i) => label('indicator', i.code, lang) },
                {
                  title: t('assess.weight'),
                  render: (_, i) => (
                    <InputNumber
                      min={0}
                      max={100}
                      value={i.weight}
                      data-testid={`weight-${i.code}`}
                      onChange={(v) => patch(i.code, { weight: v ?? 0 })}
                    />
                  ),
                },
                {
                  title: t('assess.target'),
                  render: (_, i) => (
                    <InputNumber
                      min={0}
                      value={i.target}
                      data-testid={`target-${i.code}`}
                      onChange={(v) => patch(i.code, { target: v ?? 0 })}
                    />
                  ),
                },
                {
                  title: t('assess.scaling'),
                  render: (_, i) =>
                    i.scaling ? (
                      <Tag color="purple">{label('eventCount', i.scaling.measure, lang)}</Tag>
                    ) : (
                      <Typography.Text type="secondary">{t('assess.noScaling')}</Typography.Text>
                    ),
                },
              ]}
            />
            <Space wrap style={{ marginTop: 12 }}>
              <span>{t('assess.bands')}</span>
              {GRADES.map((g) => (
                <Space key={g} size={4}>
                  <GradeTag grade={g} />
                  <InputNumber
                    min={0}
                    max={100}
                    style={{ width: 72 }}
                    value={draft.bands[g]}
                    data-testid={`band-${g}`}
                    onChange={(v) => setDraft((d) => ({ ...d, bands: { ...d.bands, [g]: v ?? 0 } }))}
                  />
                </Space>
              ))}
            </Space>
            <Space wrap style={{ marginTop: 12, width: '100%' }}>
              <span>{t('assess.effectiveFrom')}</span>
              <MonthPicker
                value={draft.effectiveFrom}
                onChange={(m) => setDraft((d) => ({ ...d, effectiveFrom: m }))}
                future
              />
              <span>{t('assess.note')}</span>
              <Input
                style={{ minWidth: 320 }}
                maxLength={500}
                value={draft.note}
                data-testid="scheme-note"
                onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
              />
            </Space>
          </Card>
          {preview && (
            <Card
              size="small"
              className="stack-gap"
              title={t('assess.previewTitle', { period: preview.period })}
              data-testid="scheme-preview-result"
            >
              <Table
                rowKey={(r) => `${r.subject.type}-${r.subject.id}`}
                size="small"
                pagination={false}
                dataSource={preview.items}
                columns={[
                  { title: t('assess.rank'), render: (_, __, index) => index + 1, width: 60 },
                  { title: t('assess.name'), render: (_, r) => r.subject.name },
                  { title: t('assess.unitName'), render: (_, r) => r.subject.unitName ?? '—' },
                  {
                    title: `${t('assess.composite')}（${t('assess.before')}）`,
                    align: 'right',
                    render: (_, r) => fmtScore(r.before.composite),
                  },
                  { title: t('assess.before'), render: (_, r) => <GradeTag grade={r.before.grade} /> },
                  {
                    title: `${t('assess.composite')}（${t('assess.after')}）`,
                    align: 'right',
                    render: (_, r) => {
                      const diff =
                        r.composite !== null && r.before.composite !== null
                          ? r.composite - r.before.composite
                          : 0;
                      return (
                        <Space size={4}>
                          <b>{fmtScore(r.composite)}</b>
                          {Math.abs(diff) >= 0.05 && (
                            <Typography.Text type={diff > 0 ? 'success' : 'danger'}>
                              {diff > 0 ? '▲' : '▼'}
                              {Math.abs(diff).toFixed(1)}
                            </Typography.Text>
                          )}
                        </Space>
                      );
                    },
                  },
                  { title: t('assess.after'), render: (_, r) => <GradeTag grade={r.grade} /> },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xxl={9}>
          <Card size="small" title={t('assess.history')} className="stack-gap">
            <Table<Scheme>
              rowKey="id"
              size="small"
              data-testid="scheme-history"
              loading={schemes.isFetching}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={schemes.data?.items ?? []}
              locale={{ emptyText: t('assess.builtinScheme') }}
              expandable={{
                expandedRowRender: (s) => (
                  <Space wrap size={[4, 4]}>
                    {s.indicators
                      .filter((i) => i.weight > 0)
                      .map((i) => (
                        <Tag key={i.code}>
                          {label('indicator', i.code, lang)} {i.weight}% · {fmtScore(i.target)}
                        </Tag>
                      ))}
                  </Space>
                ),
              }}
              columns={[
                { title: t('assess.effectiveFrom'), dataIndex: 'effectiveFrom' },
                { title: t('assess.note'), render: (_, s) => <span data-user-content>{s.note}</span> },
                { title: t('assess.createdBy'), render: (_, s) => subjectName(s.createdBy) },
                { title: t('assess.createdAt'), render: (_, s) => dateTime(s.createdAt) },
                {
                  title: '',
                  render: (_, s) => (
                    <Button size="small" onClick={() => setDraft(fromScheme(s))}>
                      {t('assess.useScheme')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('assess.periods')}>
            <Table<AssessmentPeriod>
              rowKey="period"
              size="small"
              data-testid="assessment-periods"
              loading={periods.isFetching}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              dataSource={periods.data?.items ?? []}
              columns={[
                { title: t('assess.period'), dataIndex: 'period' },
                {
                  title: t('common.status'),
                  render: (_, p) => (
                    <Tag color={p.state === 'frozen' ? 'blue' : 'default'}>
                      {label('assessmentPeriodState', p.state, lang)}
                    </Tag>
                  ),
                },
                { title: t('assess.frozenAt'), render: (_, p) => dateTime(p.frozenAt) },
                { title: t('assess.frozenBy'), render: (_, p) => subjectName(p.frozenBy) },
                {
                  title: '',
                  render: (_, p) =>
                    p.state === 'open' && district && p.actions.includes('freeze') ? (
                      <Popconfirm
                        title={t('assess.freezeConfirm', { period: p.period })}
                        onConfirm={async () => {
                          try {
                            await freezePeriod(p.period, district);
                            message.success(t('assess.frozenDone', { period: p.period }));
                            await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
                          } catch (error) {
                            message.error(error instanceof Error ? error.message : String(error));
                          }
                        }}
                      >
                        <Button size="small" data-testid={`freeze-${p.period}`}>
                          {t('assess.freeze')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
