import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { hasPermission, useMe } from '../api/auth';
import { usePerson } from '../api/registers';
import type { PersonHouseLink, PersonRole, PersonUnitLink } from '../api/types';
import { BuildingLink } from '../components/registers/BuildingLink';
import { EventTimeline } from '../components/registers/EventTimeline';
import { FLAG_COLORS, StatusTag } from '../components/registers/Flags';
import { GroupRecords } from '../components/registers/GroupRecords';
import { LoadFailure } from '../components/registers/LoadFailure';
import { ATTENTION_COLORS, useRegisterLabels } from '../components/registers/labels';
import { PersonActions } from '../components/registers/PersonActions';
import { RegisterPageHeader } from '../components/registers/RegisterPageHeader';
import { RevealField } from '../components/registers/RevealField';
import '../components/registers/registers.css';
import { useI18n } from '../i18n/useI18n';

const LEVEL_RANK: Record<string, number> = { normal: 0, medium: 1, serious: 2 };

/** 人员档案: masked identity with reveal, roles, houses, units, groups, history and the writer's actions. */
export default function RegisterPersonPage() {
  const { id = '' } = useParams();
  const { t, tk } = useI18n();
  const labels = useRegisterLabels();
  const me = useMe();
  const { data: person, isPending, error, refetch, isFetching } = usePerson(id);

  if (isPending) return <Skeleton active />;
  if (error) return <LoadFailure error={error} />;

  const canReveal = person.actions.includes('person.reveal');
  const canWrite = person.actions.includes('person.edit');
  const openGroups = [...person.specialGroups, ...person.careGroups].filter((g) => g.open);
  const attention = openGroups.reduce<string | null>(
    (top, g) => (top === null || LEVEL_RANK[g.attentionLevel]! > LEVEL_RANK[top]! ? g.attentionLevel : top),
    null,
  );
  const currentRoles = person.roles.filter((r) => r.current).map((r) => r.kind);

  // The masked ID number and phone, each with its own audited reveal.
  const reveal = (field: 'idNumber' | 'phone', testId: string) => (
    <RevealField
      personId={person.id}
      field={field}
      masked={person[field]}
      canReveal={canReveal}
      testId={testId}
    />
  );
  const identity: DescriptionsProps['items'] = [
    { key: 'name', label: t('reg.field.name'), children: person.name },
    { key: 'gender', label: t('reg.field.gender'), children: labels.gender(person.gender) },
    { key: 'birthDate', label: t('reg.field.birthDate'), children: person.birthDate ?? '—' },
    { key: 'ethnicity', label: t('reg.field.ethnicity'), children: person.ethnicity ?? '—' },
    { key: 'idNumber', label: t('reg.field.idNumber'), children: reveal('idNumber', 'person-reveal') },
    { key: 'phone', label: t('reg.field.phone'), children: reveal('phone', 'person-reveal-phone') },
    { key: 'hukouPlace', label: t('reg.field.hukouPlace'), children: person.hukouPlace ?? '—' },
    { key: 'address', label: t('reg.field.address'), children: person.address ?? '—' },
    {
      key: 'status',
      label: t('reg.field.status'),
      children: `${labels.status(person.status)}${person.statusDate ? `（${person.statusDate}）` : ''}`,
    },
    {
      key: 'grid',
      label: t('reg.field.grid'),
      children: hasPermission(me, 'grids.read') ? (
        <Link to={`/grids/${person.gridId}`}>{person.gridName}</Link>
      ) : (
        person.gridName
      ),
    },
  ];

  const roleData = (role: PersonRole) =>
    Object.entries(role.data ?? {})
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => (
        <span key={k} className="reg-role-field">
          {tk(`reg.roleField.${k}`, k)}：{typeof v === 'string' ? tk(`reg.roleValue.${v}`, v) : String(v)}
        </span>
      ));

  return (
    <div data-testid="person-page" data-person-id={person.id}>
      <RegisterPageHeader
        title={person.name}
        titleTestId="person-name"
        tags={
          <>
            <StatusTag status={person.status} />
            {currentRoles.map((r) => (
              <Tag key={r} color={r === 'floating' ? FLAG_COLORS.floating : 'geekblue'}>
                {labels.role(r)}
              </Tag>
            ))}
            {attention && (
              <Tag color={ATTENTION_COLORS[attention]} data-testid="person-attention">
                {t('reg.field.attention')}：{labels.attention(attention)}
              </Tag>
            )}
          </>
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      {canWrite && (
        <Card size="small" className="stack-gap">
          <PersonActions person={person} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('reg.person.identity')}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered items={identity} />
          </Card>
          <Card size="small" title={t('reg.person.roles')} className="stack-card">
            {person.roles.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reg.person.rolesEmpty')} />
            ) : (
              <Table<PersonRole>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={person.roles}
                data-testid="person-roles"
                columns={[
                  {
                    title: t('reg.field.type'),
                    dataIndex: 'kind',
                    render: (kind: string, role) => (
                      <Space size={4}>
                        <Tag color={kind === 'floating' ? FLAG_COLORS.floating : undefined}>
                          {labels.role(kind)}
                        </Tag>
                        {!role.current && (
                          <Typography.Text type="secondary">{t('reg.person.ended')}</Typography.Text>
                        )}
                      </Space>
                    ),
                  },
                  { title: t('reg.field.since'), dataIndex: 'validFrom', render: (v) => v ?? '—' },
                  { title: t('reg.field.until'), dataIndex: 'validTo', render: (v) => v ?? '—' },
                  {
                    title: t('common.details'),
                    key: 'data',
                    render: (_, role) => <span className="reg-result-sub">{roleData(role)}</span>,
                  },
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('reg.person.houses')} className="stack-card">
            <Table<PersonHouseLink>
              size="small"
              rowKey="linkId"
              pagination={false}
              dataSource={person.houses}
              data-testid="person-houses"
              locale={{ emptyText: t('reg.person.housesEmpty') }}
              columns={[
                {
                  title: t('reg.field.address'),
                  dataIndex: 'address',
                  render: (address: string | null, link) => (
                    <Link to={`/registers/houses/${link.houseId}`}>{address ?? `#${link.houseId}`}</Link>
                  ),
                },
                { title: t('reg.field.kind'), dataIndex: 'kind', render: (k: string) => labels.linkKind(k) },
                { title: t('reg.field.since'), dataIndex: 'validFrom', render: (v) => v ?? '—' },
                {
                  title: t('reg.field.until'),
                  dataIndex: 'validTo',
                  render: (v) => v ?? <Tag color="green">{t('reg.person.current')}</Tag>,
                },
                {
                  title: '',
                  key: 'matrix',
                  render: (_, link) => (
                    <BuildingLink
                      houseId={link.houseId}
                      personId={person.id}
                      testId={`person-house-matrix-${link.houseId}`}
                    />
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('reg.person.units')} className="stack-card">
            <Table<PersonUnitLink>
              size="small"
              rowKey="linkId"
              pagination={false}
              dataSource={person.units}
              locale={{ emptyText: t('reg.person.unitsEmpty') }}
              columns={[
                {
                  title: t('reg.field.unit'),
                  dataIndex: 'unitName',
                  render: (name: string, link) => <Link to={`/registers/units/${link.unitId}`}>{name}</Link>,
                },
                {
                  title: t('reg.field.unitRole'),
                  dataIndex: 'role',
                  render: (r: string) => labels.unitRole(r),
                },
                { title: t('reg.field.since'), dataIndex: 'validFrom', render: (v) => v ?? '—' },
                { title: t('reg.field.until'), dataIndex: 'validTo', render: (v) => v ?? '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('reg.person.special')}>
            <GroupRecords
              family="special"
              personId={person.id}
              records={person.specialGroups}
              canWrite={person.actions.some((a) => a.startsWith('person.specialGroup.'))}
            />
          </Card>
          <Card size="small" title={t('reg.person.care')} className="stack-card">
            <GroupRecords
              family="care"
              personId={person.id}
              records={person.careGroups}
              canWrite={person.actions.includes('person.careGroup')}
            />
          </Card>
          <Card size="small" title={t('reg.person.history')} className="stack-card">
            <EventTimeline entity="people" id={person.id} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
