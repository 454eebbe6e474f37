import { BuildOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { RegisterSearchHit } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { BuildingLink, matrixUrl } from './BuildingLink';
import { FLAG_COLORS, PersonFlags, StatusTag } from './Flags';
import { useRegisterLabels } from './labels';

type Of<T extends RegisterSearchHit['type']> = Extract<RegisterSearchHit, { type: T }>;

const ORDER = ['person', 'house', 'unit', 'address'] as const;

/** Search results grouped by type: people, houses, units, addresses; each row opens its page. */
export function SearchResults({ items }: { items: RegisterSearchHit[] }) {
  const { t } = useI18n();
  const labels = useRegisterLabels();
  if (items.length === 0) return <Empty description={t('reg.search.empty')} data-testid="register-empty" />;
  const groups = ORDER.map((type) => ({ type, hits: items.filter((i) => i.type === type) })).filter(
    (g) => g.hits.length > 0,
  );

  const renderPerson = (p: Of<'person'>) => (
    <div key={`p${p.id}`} className="reg-result clickable-row" data-testid={`register-result-person-${p.id}`}>
      <Link className="reg-result-main" to={`/registers/people/${p.id}`}>
        <Space size={6} wrap>
          <Typography.Text strong className="reg-result-name">
            {p.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {labels.gender(p.gender)} · {p.birthDate ?? '—'}
          </Typography.Text>
          <StatusTag status={p.status} />
          <PersonFlags
            roles={p.roles}
            specialGroups={p.specialGroups}
            careGroups={p.careGroups}
            rental={p.rental}
          />
        </Space>
        <div className="reg-result-sub">
          <span className="mono">{p.idNumber ?? '—'}</span>
          {p.phone && <span className="mono">{p.phone}</span>}
          <span>{p.address ?? '—'}</span>
        </div>
      </Link>
      {p.buildingId && (
        <Link to={matrixUrl(p.buildingId, { addressId: p.addressId, personId: p.id })}>
          <Button size="small" icon={<BuildOutlined />} data-testid={`register-result-person-matrix-${p.id}`}>
            {t('reg.person.matrix')}
          </Button>
        </Link>
      )}
    </div>
  );

  const renderHouse = (h: Of<'house'>) => (
    <div key={`h${h.id}`} className="reg-result clickable-row" data-testid={`register-result-house-${h.id}`}>
      <Link className="reg-result-main" to={`/registers/houses/${h.id}`}>
        <Space size={6} wrap>
          <Typography.Text>{h.address}</Typography.Text>
          {h.isRental && <Tag color={FLAG_COLORS.rental}>{t('reg.flag.rental')}</Tag>}
        </Space>
      </Link>
      <BuildingLink houseId={h.id} />
    </div>
  );

  const renderUnit = (u: Of<'unit'>) => (
    <div key={`u${u.id}`} className="reg-result clickable-row" data-testid={`register-result-unit-${u.id}`}>
      <Link className="reg-result-main" to={`/registers/units/${u.id}`}>
        <Space size={6} wrap>
          <Typography.Text strong>{u.name}</Typography.Text>
          <Tag>{labels.unitKind(u.kind)}</Tag>
        </Space>
        <div className="reg-result-sub">
          {u.creditCode && <span className="mono">{u.creditCode}</span>}
          <span>{u.address ?? '—'}</span>
        </div>
      </Link>
    </div>
  );

  const renderAddress = (a: Of<'address'>) => (
    <div key={`a${a.id}`} className="reg-result" data-testid={`register-result-address-${a.id}`}>
      <Typography.Text className="reg-result-main">{a.fullName}</Typography.Text>
      {['building', 'unit', 'floor', 'room'].includes(a.level) && (
        <BuildingLink addressId={a.id} testId={`register-result-address-matrix-${a.id}`} />
      )}
    </div>
  );

  return (
    <Row gutter={[16, 16]} data-testid="register-results" data-count={items.length}>
      {groups.map(({ type, hits }) => (
        <Col key={type} xs={24} xl={type === 'person' ? 24 : 12}>
          <Card
            size="small"
            title={
              <Space>
                {t(`reg.type.${type}`)}
                <Tag>{hits.length}</Tag>
              </Space>
            }
            data-testid={`register-results-${type}`}
          >
            <div className="reg-result-list">
              {hits.map((hit) =>
                hit.type === 'person'
                  ? renderPerson(hit)
                  : hit.type === 'house'
                    ? renderHouse(hit)
                    : hit.type === 'unit'
                      ? renderUnit(hit)
                      : renderAddress(hit),
              )}
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
