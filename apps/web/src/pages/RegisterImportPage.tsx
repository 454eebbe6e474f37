import { Card, Typography } from 'antd';
import { hasPermission, useMe } from '../api/auth';
import { ImportExportPanel } from '../components/registers/ImportExportPanel';
import { ImportUploadPanel } from '../components/registers/ImportUploadPanel';
import '../components/registers/registers.css';
import { useI18n } from '../i18n/useI18n';

/** 一标三实导入导出: export needs registers.read, import registers.write. */
export default function RegisterImportPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <div data-testid="register-import">
      <div className="reg-header stack-gap">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('regImport.title')}
        </Typography.Title>
      </div>
      {hasPermission(me, 'registers.write') && (
        <Card title={t('regImport.importSection')}>
          <ImportUploadPanel />
        </Card>
      )}
      <Card title={t('regImport.exportSection')} className="stack-card">
        <ImportExportPanel />
      </Card>
    </div>
  );
}
