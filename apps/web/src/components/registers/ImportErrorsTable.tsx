import { Table, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import type { ImportRowError } from '../../api/register-import';
import { useI18n } from '../../i18n/useI18n';

/**
 * The server words every reason "中文 (English)"; the console shows the half of the current
 * language, or the whole text when it is not in that shape.
 */
export function useBilingual() {
  const { pick } = useI18n();
  return useCallback(
    (text: string) => {
      const parts = /^(.*?) \((.+)\)$/s.exec(text);
      return parts ? pick(parts[1]!, parts[2]!) : text;
    },
    [pick],
  );
}

/** Every bad row of an import: row number, column (its header in the workbook) and reason. */
export function ImportErrorsTable({ errors }: { errors: ImportRowError[] }) {
  const { t } = useI18n();
  const bilingual = useBilingual();
  const columns: TableColumnsType<ImportRowError> = [
    { title: t('regImport.row'), dataIndex: 'row', width: 80 },
    {
      title: t('regImport.column'),
      dataIndex: 'column',
      width: 180,
      render: (column: string, error) => <span title={error.field}>{column}</span>,
    },
    { title: t('regImport.reason'), dataIndex: 'reason', render: (reason: string) => bilingual(reason) },
  ];
  return (
    <Table<ImportRowError>
      data-testid="register-import-errors"
      rowKey={(error) => `${error.row}:${error.field}:${error.reason}`}
      size="small"
      columns={columns}
      dataSource={errors}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      locale={{ emptyText: t('regImport.noErrors') }}
    />
  );
}
