import { Card } from 'antd';
import { hasPermission, useMe } from '../api/auth';
import { ExportPanel } from '../components/boundaries/ExportPanel';
import { ImportPanel } from '../components/boundaries/ImportPanel';
import { useI18n } from '../i18n/useI18n';

/** 边界导入导出: export needs grids.read, import grids.write. */
export default function BoundariesPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <div className="stack">
      {hasPermission(me, 'grids.write') && (
        <Card title={t('import.importSection')}>
          <ImportPanel />
        </Card>
      )}
      <Card title={t('import.export')} className="stack-card">
        <ExportPanel />
      </Card>
    </div>
  );
}
