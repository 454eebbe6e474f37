import { Card, Skeleton, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useUnit } from '../api/registers';
import type { UnitDetail } from '../api/types';
import { LoadFailure } from '../components/registers/LoadFailure';
import { useRegisterLabels } from '../components/registers/labels';
import { RecordWithHistory } from '../components/registers/RecordWithHistory';
import { RegisterPageHeader } from '../components/registers/RegisterPageHeader';
import '../components/registers/registers.css';
import { useI18n } from '../i18n/useI18n';

type UnitPerson = UnitDetail['people'][number];

/** 单位档案: the unit, its people and its history. */
export default function RegisterUnitPage() {
  const { id = '' } = useParams();
  const { t, number } = useI18n();
  const labels = useRegisterLabels();
  const { data: unit, isPending, error } = useUnit(id);
  if (isPending) return <Skeleton active />;
  if (error) return <LoadFailure error={error} />;
  return (
    <div data-testid="unit-page">
      <RegisterPageHeader
        title={unit.name}
        tags={
          <>
            <Tag>{labels.unitKind(unit.kind)}</Tag>
            {unit.fireSafetyLevel && unit.fireSafetyLevel !== 'general' && (
              <Tag color="volcano">{labels.fireSafety(unit.fireSafetyLevel)}</Tag>
            )}
          </>
        }
      />
      <RecordWithHistory
        entity="units"
        id={unit.id}
        details={[
          { key: 'kind', label: t('reg.field.unitKind'), children: labels.unitKind(unit.kind) },
          {
            key: 'credit',
            label: t('reg.field.creditCode'),
            children: <span className="mono">{unit.creditCode ?? '—'}</span>,
          },
          {
            key: 'legalRep',
            label: t('reg.field.legalRep'),
            children: unit.legalRep ? (
              <Link to={`/registers/people/${unit.legalRep.personId}`}>{unit.legalRep.name ?? '—'}</Link>
            ) : (
              '—'
            ),
          },
          { key: 'employees', label: t('reg.field.employees'), children: number(unit.employees) },
          {
            key: 'department',
            label: t('reg.field.department'),
            children: unit.supervisingDepartment?.name ?? '—',
          },
          {
            key: 'fire',
            label: t('reg.field.fireSafety'),
            children: labels.fireSafety(unit.fireSafetyLevel),
          },
          { key: 'address', label: t('reg.field.address'), children: unit.address ?? '—' },
        ]}
      >
        <Card size="small" title={t('reg.unit.people')} className="stack-card">
          <Table<UnitPerson>
            size="small"
            rowKey="linkId"
            pagination={false}
            dataSource={unit.people}
            columns={[
              {
                title: t('reg.field.name'),
                key: 'name',
                render: (_, p) => <Link to={`/registers/people/${p.person.id}`}>{p.person.name}</Link>,
              },
              {
                title: t('reg.field.unitRole'),
                dataIndex: 'role',
                render: (r: string) => labels.unitRole(r),
              },
              {
                title: t('reg.field.phone'),
                key: 'phone',
                render: (_, p) => <span className="mono">{p.person.phone ?? '—'}</span>,
              },
              { title: t('reg.field.since'), dataIndex: 'validFrom', render: (v) => v ?? '—' },
            ]}
          />
        </Card>
      </RecordWithHistory>
    </div>
  );
}
