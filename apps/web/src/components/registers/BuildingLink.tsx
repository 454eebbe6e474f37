import { BuildOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchAddress, fetchHouse } from '../../api/registers';
import type { Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

/** The building matrix URL, highlighting a room (address) and a person when given. */
export function matrixUrl(buildingId: Id, highlight?: { addressId?: Id | null; personId?: Id | null }) {
  const params = new URLSearchParams();
  if (highlight?.addressId) params.set('room', highlight.addressId);
  if (highlight?.personId) params.set('person', highlight.personId);
  const query = params.toString();
  return `/registers/buildings/${buildingId}${query ? `?${query}` : ''}`;
}

/**
 * Opens the building matrix of a house or an address. Search results and person links carry no
 * building id, so it is looked up (GET /api/houses/:id or /api/addresses/:id) on click.
 */
export function BuildingLink({
  houseId,
  addressId,
  personId,
  testId,
}: {
  houseId?: Id;
  addressId?: Id;
  personId?: Id;
  testId?: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const open = async (event: React.MouseEvent) => {
    event.stopPropagation();
    setBusy(true);
    try {
      const target = houseId
        ? await fetchHouse(houseId).then((h) => ({ buildingId: h.buildingId, addressId: h.addressId }))
        : await fetchAddress(addressId!).then((a) => ({ buildingId: a.buildingId, addressId: a.id }));
      if (target.buildingId)
        navigate(matrixUrl(target.buildingId, { addressId: target.addressId, personId }));
      else showError(new Error(t('reg.matrix.empty')));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" icon={<BuildOutlined />} loading={busy} onClick={open} data-testid={testId}>
      {t('reg.person.matrix')}
    </Button>
  );
}
