import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { exportUrl, IMPORT_REGISTERS } from '../../api/register-import';
import { useI18n } from '../../i18n/useI18n';
import { OrgUnitTreeSelect } from '../OrgUnitTreeSelect';

/**
 * The export is a plain download (the session cookie goes along): the server limits it to the
 * caller's scope, masks ID and phone numbers and audits it.
 */
export function ImportExportPanel() {
  const { t } = useI18n();
  const [within, setWithin] = useState<string | undefined>();
  return (
    <div data-testid="register-export">
      <Typography.Paragraph type="secondary">{t('regImport.exportHint')}</Typography.Paragraph>
      <Space wrap>
        <OrgUnitTreeSelect
          value={within}
          onChange={setWithin}
          placeholder={t('map.withinPlaceholder')}
          style={{ minWidth: 260 }}
        />
        {IMPORT_REGISTERS.map((register) => (
          <Button
            key={register}
            icon={<DownloadOutlined />}
            href={exportUrl(register, within)}
            download
            data-testid={`register-export-${register}`}
          >
            {t('regImport.export', { kind: t(`regImport.kind.${register}`) })}
          </Button>
        ))}
      </Space>
    </div>
  );
}
