import { Card, Skeleton, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useHouse } from '../api/registers';
import type { HouseDetail } from '../api/types';
import { matrixUrl } from '../components/registers/BuildingLink';
import { FLAG_COLORS } from '../components/registers/Flags';
import { LoadFailure } from '../components/registers/LoadFailure';
import { useRegisterLabels } from '../components/registers/labels';
import { RecordWithHistory } from '../components/registers/RecordWithHistory';
import { RegisterPageHeader } from '../components/registers/RegisterPageHeader';
import '../components/registers/registers.css';
import { useI18n } from '../i18n/useI18n';

type Occupant = HouseDetail['people'][number];

/** 房屋档案: the house, who is linked to it now, and its history. */
export default function RegisterHousePage() {
  const { id = '' } = useParams();
  const { t, number } = useI18n();
  const labels = useRegisterLabels();
  const { data: house, isPending, error } = useHouse(id);
  if (isPending) return <Skeleton active />;
  if (error) return <LoadFailure error={error} />;
  const yes = (v: boolean) => t(v ? 'common.yes' : 'common.no');
  return (
    <div data-testid="house-page">
      <RegisterPageHeader
        title={house.address ?? `#${house.id}`}
        tags={
          <>
            <Tag>{t('reg.house.title')}</Tag>
            {house.isRental && <Tag color={FLAG_COLORS.rental}>{t('reg.flag.rental')}</Tag>}
            {house.isDangerous && <Tag color={FLAG_COLORS.dangerous}>{t('reg.flag.dangerous')}</Tag>}
          </>
        }
        extra={
          house.buildingId && (
            <Link to={matrixUrl(house.buildingId, { addressId: house.addressId })} data-testid="house-matrix">
              {t('reg.matrix.title')}
            </Link>
          )
        }
      />
      <RecordWithHistory
        entity="houses"
        id={house.id}
        details={[
          { key: 'use', label: t('reg.field.use'), children: labels.houseUse(house.use) },
          {
            key: 'structure',
            label: t('reg.field.structure'),
            children: labels.structure(house.structure),
          },
          {
            key: 'area',
            label: t('reg.field.area'),
            children: house.areaM2 === null ? '—' : `${number(house.areaM2)} m²`,
          },
          { key: 'rental', label: t('reg.field.rental'), children: yes(house.isRental) },
          {
            key: 'hazard',
            label: t('reg.field.rentalHazard'),
            children: house.rentalHazard ? labels.hazard(house.rentalHazard) : '—',
          },
          { key: 'dangerous', label: t('reg.field.dangerous'), children: yes(house.isDangerous) },
          { key: 'note', label: t('reg.field.note'), children: house.note ?? '—' },
        ]}
      >
        <Card size="small" title={t('reg.house.people')} className="stack-card">
          <Table<Occupant>
            size="small"
            rowKey="linkId"
            pagination={false}
            dataSource={house.people}
            columns={[
              {
                title: t('reg.field.name'),
                key: 'name',
                render: (_, o) => <Link to={`/registers/people/${o.person.id}`}>{o.person.name}</Link>,
              },
              {
                title: t('reg.field.idNumber'),
                key: 'id',
                render: (_, o) => <span className="mono">{o.person.idNumber ?? '—'}</span>,
              },
              { title: t('reg.field.kind'), dataIndex: 'kind', render: (k: string) => labels.linkKind(k) },
              { title: t('reg.field.since'), dataIndex: 'validFrom', render: (v) => v ?? '—' },
            ]}
          />
        </Card>
      </RecordWithHistory>
    </div>
  );
}
