import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Modal, Segmented, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  IMPORT_REGISTERS,
  type ImportRegister,
  importKeys,
  templateUrl,
  uploadImport,
  useImportJob,
} from '../../api/register-import';
import { registerKeys } from '../../api/registers';
import type { Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';
import { ImportJobResult } from './ImportJobResult';

/**
 * Choose a register, fetch its template, upload a workbook: the server checks it (dry run) and
 * reports every bad row; only a clean dry run can be applied, which sends the same file again to
 * be checked and written as a whole.
 */
export function ImportUploadPanel() {
  const { t } = useI18n();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [register, setRegister] = useState<ImportRegister>('addresses');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<Id | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const job = useImportJob(jobId).data;

  const run = useMutation({
    mutationFn: (upload: { register: ImportRegister; blob: File; dryRun: boolean }) =>
      uploadImport(upload.register, upload.blob, upload.dryRun),
    onSuccess: (result) => {
      queryClient.setQueryData(importKeys.job(result.id), result);
      setJobId(result.id);
    },
    onError: (error) => showError(error),
  });

  // Applied records show up everywhere else in the registers (search, statistics, matrices).
  const appliedId = job && !job.dryRun && job.status === 'succeeded' ? job.id : null;
  useEffect(() => {
    if (appliedId)
      queryClient.invalidateQueries({
        queryKey: registerKeys.all,
        predicate: (query) => query.queryKey[1] !== 'import',
      });
  }, [appliedId, queryClient]);

  const check = (blob: File) => {
    setJobId(null);
    run.mutate({ register, blob, dryRun: true });
  };
  const canApply =
    !!file &&
    !!job &&
    job.dryRun &&
    job.status === 'succeeded' &&
    job.errorsTotal === 0 &&
    job.rowsTotal > 0 &&
    !run.isPending;

  return (
    <div data-testid="register-import-panel">
      <Space wrap className="import-controls">
        <Typography.Text>{t('regImport.register')}</Typography.Text>
        <Segmented<ImportRegister>
          data-testid="register-import-kind"
          value={register}
          options={IMPORT_REGISTERS.map((value) => ({ value, label: t(`regImport.kind.${value}`) }))}
          onChange={(value) => {
            setRegister(value);
            setFile(null);
            setJobId(null);
          }}
        />
        <Button
          icon={<DownloadOutlined />}
          href={templateUrl(register)}
          download
          data-testid="register-import-template"
        >
          {t('regImport.template')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t(`regImport.hint.${register}`)}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={run.isPending}
        beforeUpload={(blob) => {
          setFile(blob);
          check(blob);
          return false;
        }}
        data-testid="register-import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('regImport.upload')}</p>
        <p className="ant-upload-hint">{t('regImport.uploadHint')}</p>
      </Upload.Dragger>
      <Space wrap className="import-controls">
        {file && (
          <Typography.Text>
            {t('regImport.file')}: <Typography.Text strong>{file.name}</Typography.Text>
          </Typography.Text>
        )}
        <Button disabled={!file} loading={run.isPending} onClick={() => file && check(file)}>
          {t('regImport.rerun')}
        </Button>
        <Button
          type="primary"
          data-testid="register-import-confirm"
          disabled={!canApply}
          onClick={() => setConfirmOpen(true)}
        >
          {t('regImport.confirm')}
        </Button>
        {appliedId && <Link to="/registers">{t('regImport.viewInSearch')}</Link>}
      </Space>
      {job && <ImportJobResult job={job} />}
      <Modal
        open={confirmOpen}
        title={t('regImport.confirmTitle', { rows: job?.rowsTotal ?? 0 })}
        okText={t('regImport.confirm')}
        onCancel={() => setConfirmOpen(false)}
        onOk={() => {
          setConfirmOpen(false);
          if (file) run.mutate({ register, blob: file, dryRun: false });
        }}
      >
        {t('regImport.confirmBody')}
      </Modal>
    </div>
  );
}
