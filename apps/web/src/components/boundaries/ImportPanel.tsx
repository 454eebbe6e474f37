import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { importGrids } from '../../api/grids';
import type { ImportReport } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';
import { ImportReportView } from './ImportReportView';

interface Loaded {
  name: string;
  collection: { type: 'FeatureCollection'; features: unknown[] };
}

function asReport(value: unknown): ImportReport | null {
  return value && typeof value === 'object' && 'summary' in value && 'issues' in value
    ? (value as ImportReport)
    : null;
}

/** Read a GeoJSON file in the browser, dry-run it, show the report, then import for real. */
export function ImportPanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<Loaded | null>(null);
  const [allowGaps, setAllowGaps] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);

  const run = useMutation({
    mutationFn: ({ loaded, dryRun, gaps }: { loaded: Loaded; dryRun: boolean; gaps: boolean }) =>
      importGrids(loaded.collection, dryRun, gaps),
    onSuccess: (result) => {
      setReport(result);
      if (result.applied) {
        message.success(
          t('import.applied', { created: result.summary.created, updated: result.summary.updated }),
        );
        queryClient.invalidateQueries({ queryKey: ['grids'] });
        queryClient.invalidateQueries({ queryKey: ['org'] });
      }
    },
    onError: (error) => {
      // A refused import (422) still answers with the full report.
      const refused = isApiError(error) ? asReport(error.body) : null;
      if (refused) {
        setReport(refused);
        message.error(t('import.hasErrors'));
      } else showError(error);
    },
  });

  const dryRun = (loaded: Loaded, gaps: boolean) => {
    setReport(null);
    run.mutate({ loaded, dryRun: true, gaps });
  };

  const onFile = async (blob: File) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await blob.text());
    } catch (error) {
      message.error(
        t('import.parseError', { message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    const collection = parsed as Loaded['collection'];
    if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
      message.error(t('import.notCollection'));
      return;
    }
    const loaded = { name: blob.name, collection };
    setFile(loaded);
    dryRun(loaded, allowGaps);
  };

  const canApply = !!file && !!report && !report.applied && report.dryRun && report.summary.errors === 0;

  return (
    <div data-testid="import-panel">
      <Upload.Dragger
        accept=".geojson,.json,application/geo+json,application/json"
        multiple={false}
        showUploadList={false}
        beforeUpload={(blob) => {
          onFile(blob);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.upload')}</p>
        <p className="ant-upload-hint">{t('import.uploadHint')}</p>
      </Upload.Dragger>
      <Space wrap className="import-controls">
        {file && (
          <Typography.Text>
            {t('import.file')}: <Typography.Text strong>{file.name}</Typography.Text> (
            {file.collection.features.length})
          </Typography.Text>
        )}
        <Checkbox
          checked={allowGaps}
          data-testid="import-allow-gaps"
          onChange={(event) => {
            setAllowGaps(event.target.checked);
            if (file) dryRun(file, event.target.checked);
          }}
        >
          {t('import.allowGaps')}
        </Checkbox>
        <Button disabled={!file} loading={run.isPending} onClick={() => file && dryRun(file, allowGaps)}>
          {t('import.rerun')}
        </Button>
        <Button
          type="primary"
          data-testid="import-confirm"
          disabled={!canApply || run.isPending}
          onClick={() => setConfirmOpen(true)}
        >
          {t('import.confirm')}
        </Button>
      </Space>
      {report && !report.applied && report.summary.errors > 0 && (
        <Alert type="error" showIcon title={t('import.hasErrors')} className="stack-gap" />
      )}
      {report && <ImportReportView report={report} />}
      <Modal
        open={confirmOpen}
        title={t('import.confirmTitle', { count: report?.summary.features ?? 0 })}
        onCancel={() => setConfirmOpen(false)}
        onOk={() => {
          setConfirmOpen(false);
          if (file) run.mutate({ loaded: file, dryRun: false, gaps: allowGaps });
        }}
        okText={t('import.confirm')}
      >
        {t('import.confirmBody', {
          created: report?.summary.created ?? 0,
          updated: report?.summary.updated ?? 0,
        })}
      </Modal>
    </div>
  );
}
