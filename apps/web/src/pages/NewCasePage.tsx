import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission, useConfig, useMe } from '../api/auth';
import { createCase, findDuplicates, newIdempotencyKey, useCaseCategories } from '../api/cases';
import { isApiError } from '../api/client';
import { useGridGeoJson } from '../api/grids';
import type { CaseCreate, CaseDuplicate, CaseSource, Id } from '../api/types';
import { CaseMap } from '../components/cases/CaseMap';
import { CaseStateTag } from '../components/cases/CaseTags';
import { CategoryTreeSelect } from '../components/cases/CategoryTreeSelect';
import { CASE_SOURCES, leafIndex, useCaseLabels } from '../components/cases/labels';
import { PhotoUpload } from '../components/cases/PhotoUpload';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';

interface Values {
  categoryCode: string;
  title?: string;
  description: string;
  lon: number;
  lat: number;
  address?: string;
  source: CaseSource;
  photoIds?: Id[];
  selfHandled?: boolean;
  afterPhotoIds?: Id[];
  reporterName?: string;
  reporterPhone?: string;
}

function toBody(values: Values): CaseCreate {
  const body: CaseCreate = {
    categoryCode: values.categoryCode,
    description: values.description.trim(),
    lon: values.lon,
    lat: values.lat,
    source: values.source,
  };
  const title = values.title?.trim();
  const address = values.address?.trim();
  const reporterName = values.reporterName?.trim();
  const reporterPhone = values.reporterPhone?.trim();
  if (title) body.title = title;
  if (address) body.address = address;
  if (reporterName) body.reporterName = reporterName;
  if (reporterPhone) body.reporterPhone = reporterPhone;
  if (values.photoIds?.length) body.photoIds = values.photoIds;
  if (values.selfHandled) {
    body.selfHandled = true;
    if (values.afterPhotoIds?.length) body.afterPhotoIds = values.afterPhotoIds;
  }
  return body;
}

/** 上报事件: category, description, location on the map of the caller's grids, photos; duplicates are shown first. */
export default function NewCasePage() {
  const { t, pick } = useI18n();
  const { sourceLabel } = useCaseLabels();
  const me = useMe();
  const navigate = useNavigate();
  const showError = useShowError();
  const config = useConfig();
  const canSeeGrids = hasPermission(me, 'grids.read');
  const grids = useGridGeoJson(undefined);
  const categories = useCaseCategories();
  const [form] = Form.useForm<Values>();
  // One key per form session: a double click or a retry cannot create the case twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const [duplicates, setDuplicates] = useState<CaseDuplicate[] | null>(null);
  const [outside, setOutside] = useState(false);

  const categoryCode = Form.useWatch('categoryCode', form);
  const lon = Form.useWatch('lon', form);
  const lat = Form.useWatch('lat', form);
  const selfHandled = Form.useWatch('selfHandled', form) ?? false;
  const leaf = useMemo(
    () => leafIndex(categories.data).get(categoryCode ?? ''),
    [categories.data, categoryCode],
  );
  const point: [number, number] | null =
    typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;

  const create = useMutation({
    mutationFn: (values: Values) => createCase(toBody(values), idempotencyKey.current),
    onSuccess: (detail) => navigate(`/cases/${detail.id}`, { replace: true }),
    onError: (error) => {
      if (isApiError(error) && error.code === 'outside_all_grids') {
        setOutside(true);
        form.setFields([{ name: 'lon', errors: [t('case.outsideGrids')] }]);
        return;
      }
      showError(error, form);
    },
  });

  const check = useMutation({
    mutationFn: (values: Values) =>
      findDuplicates({ categoryCode: values.categoryCode, lon: values.lon, lat: values.lat }),
    onSuccess: (found, values) => {
      if (found.items.length > 0) setDuplicates(found.items);
      else create.mutate(values);
    },
    // The check only warns: if it fails, report anyway.
    onError: (_error, values) => create.mutate(values),
  });

  const onFinish = (values: Values) => {
    setOutside(false);
    check.mutate(values);
  };

  const busy = check.isPending || create.isPending;

  return (
    <Card title={t('case.newTitle')}>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={11}>
          <Form<Values>
            form={form}
            layout="vertical"
            data-testid="new-case-form"
            initialValues={{ source: 'patrol', selfHandled: false }}
            onFinish={onFinish}
            disabled={busy}
          >
            <Form.Item
              name="categoryCode"
              label={t('case.category')}
              rules={[{ required: true }]}
              extra={
                leaf ? (
                  <span data-testid="filing-standard">
                    {t('case.filingStandard')}
                    {t('case.colon')}
                    {pick(leaf.filingStandard, leaf.filingStandardEn) || '—'}
                    {leaf.isPolice && (
                      <Typography.Text type="danger"> · {t('case.policeRouted')}</Typography.Text>
                    )}
                  </span>
                ) : undefined
              }
            >
              <CategoryTreeSelect leavesOnly placeholder={t('case.chooseCategory')} />
            </Form.Item>
            <Form.Item name="title" label={t('case.titleOptional')}>
              <Input maxLength={100} placeholder={leaf ? pick(leaf.nameZh, leaf.nameEn) : undefined} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('case.description')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="new-case-description" />
            </Form.Item>
            <Form.Item label={t('case.location')} required extra={t('case.locationHelp')}>
              <Space.Compact block>
                <Form.Item
                  name="lon"
                  noStyle
                  rules={[{ required: true, message: t('case.locationRequired') }]}
                >
                  <InputNumber
                    min={-180}
                    max={180}
                    step={0.0001}
                    precision={6}
                    placeholder={t('case.lon')}
                    style={{ width: '50%' }}
                    data-testid="new-case-lon"
                  />
                </Form.Item>
                <Form.Item
                  name="lat"
                  noStyle
                  rules={[{ required: true, message: t('case.locationRequired') }]}
                >
                  <InputNumber
                    min={-90}
                    max={90}
                    step={0.0001}
                    precision={6}
                    placeholder={t('case.lat')}
                    style={{ width: '50%' }}
                    data-testid="new-case-lat"
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            {outside && (
              <Alert type="error" showIcon className="stack-gap" title={t('case.outsideGridsHelp')} />
            )}
            <Form.Item name="address" label={t('case.address')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="source" label={t('case.source')} rules={[{ required: true }]}>
              <Select<CaseSource>
                options={CASE_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) }))}
                data-testid="new-case-source"
              />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="reporterName" label={t('case.reporterName')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="reporterPhone"
                  label={t('case.reporterPhone')}
                  rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('case.phoneInvalid') }]}
                >
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="photoIds" label={selfHandled ? t('case.beforePhotos') : t('case.photos')}>
              <PhotoUpload testId="new-case-photos" />
            </Form.Item>
            <Form.Item
              name="selfHandled"
              label={t('case.selfHandled')}
              valuePropName="checked"
              extra={t('case.selfHandledHelp')}
            >
              <Switch data-testid="new-case-self-handled" />
            </Form.Item>
            {selfHandled && (
              <Form.Item
                name="afterPhotoIds"
                label={t('case.afterPhotos')}
                rules={[{ required: true, type: 'array', min: 1, message: t('case.afterPhotosRequired') }]}
              >
                <PhotoUpload testId="new-case-after-photos" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="new-case-submit">
              {t('case.submit')}
            </Button>
          </Form>
        </Col>
        <Col xs={24} xl={13}>
          {canSeeGrids && grids.error && (
            <Alert type="warning" showIcon className="stack-gap" title={grids.error.message} />
          )}
          {config.isPending ? (
            <Skeleton.Node active className="new-case-map" />
          ) : (
            <CaseMap
              className="new-case-map"
              tileUrl={config.data?.tileUrl ?? null}
              grids={canSeeGrids ? grids.data : undefined}
              gridsSkipped={!canSeeGrids || grids.isError}
              point={point}
              onPick={(pickedLon, pickedLat) => {
                setOutside(false);
                form.setFields([
                  { name: 'lon', value: pickedLon, errors: [] },
                  { name: 'lat', value: pickedLat, errors: [] },
                ]);
              }}
              testId="new-case-map"
              hook="__wanggeNewCaseMap"
            />
          )}
          <Typography.Text type="secondary">{t('case.mapHint')}</Typography.Text>
        </Col>
      </Row>
      <DuplicatesModal
        items={duplicates}
        onCancel={() => setDuplicates(null)}
        onContinue={() => {
          setDuplicates(null);
          create.mutate(form.getFieldsValue(true) as Values);
        }}
        loading={create.isPending}
      />
    </Card>
  );
}

function DuplicatesModal({
  items,
  onCancel,
  onContinue,
  loading,
}: {
  items: CaseDuplicate[] | null;
  onCancel: () => void;
  onContinue: () => void;
  loading: boolean;
}) {
  const { t, dateTime, number } = useI18n();
  return (
    <Modal
      open={items !== null}
      title={t('case.duplicatesTitle')}
      onCancel={onCancel}
      width={760}
      footer={
        <div className="modal-actions">
          <Button onClick={onCancel}>{t('common.back')}</Button>
          <Button type="primary" onClick={onContinue} loading={loading} data-testid="new-case-continue">
            {t('case.continueReport')}
          </Button>
        </div>
      }
    >
      <div data-testid="new-case-duplicates">
        <Typography.Paragraph type="secondary">{t('case.duplicatesHelp')}</Typography.Paragraph>
        <Table<CaseDuplicate>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items ?? []}
          columns={[
            {
              title: t('case.code'),
              dataIndex: 'code',
              render: (code: string, row) => (
                <Link to={`/cases/${row.id}`} target="_blank" rel="noreferrer">
                  <code>{code}</code>
                </Link>
              ),
            },
            { title: t('case.title'), dataIndex: 'title', ellipsis: true },
            {
              title: t('case.state'),
              dataIndex: 'state',
              render: (state: string) => <CaseStateTag state={state} />,
            },
            {
              title: t('case.distance'),
              dataIndex: 'distanceM',
              align: 'right',
              render: (m: number) => `${number(Math.round(m))} m`,
            },
            { title: t('case.reportedAt'), dataIndex: 'reportedAt', render: (at: string) => dateTime(at) },
          ]}
        />
      </div>
    </Modal>
  );
}
