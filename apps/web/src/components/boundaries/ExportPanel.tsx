import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { exportUrl } from '../../api/grids';
import { useI18n } from '../../i18n/useI18n';
import { OrgUnitTreeSelect } from '../OrgUnitTreeSelect';

/** GET /api/grids/export is a plain download: the session cookie goes along with the link. */
export function ExportPanel() {
  const { t } = useI18n();
  const [within, setWithin] = useState<string | undefined>();
  return (
    <div data-testid="export-panel">
      <Typography.Paragraph type="secondary">{t('import.exportHint')}</Typography.Paragraph>
      <Space wrap>
        <OrgUnitTreeSelect
          excludeGrids
          value={within}
          onChange={setWithin}
          placeholder={t('map.withinPlaceholder')}
          style={{ minWidth: 260 }}
        />
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          href={exportUrl(within)}
          download
          data-testid="export-button"
        >
          {t('import.exportButton')}
        </Button>
      </Space>
    </div>
  );
}
