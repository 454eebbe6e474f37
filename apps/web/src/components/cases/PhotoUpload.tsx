import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { uploadAttachment } from '../../api/cases';
import type { Attachment, Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

interface Props {
  /** Ids of the uploaded attachments, in order. */
  value?: Id[];
  onChange?: (ids: Id[]) => void;
  max?: number;
  testId?: string;
  id?: string;
}

function doneIds(files: UploadFile<Attachment>[]): Id[] {
  return files.filter((file) => file.status === 'done' && file.response?.id).map((file) => file.response!.id);
}

/**
 * Photos uploaded one by one to POST /api/attachments (multipart field "file") as soon as they
 * are chosen; the form value is the list of attachment ids.
 */
export function PhotoUpload({ onChange, max = 9, testId, id }: Props) {
  const { t } = useI18n();
  const showError = useShowError();
  const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);
  return (
    <div id={id} data-testid={testId}>
      <Upload<Attachment>
        listType="picture-card"
        accept="image/*"
        multiple
        fileList={files}
        maxCount={max}
        customRequest={({ file, onSuccess, onError }) => {
          const blob = file as File;
          uploadAttachment(blob, blob.name)
            .then((attachment) => onSuccess?.(attachment))
            .catch((error: unknown) => {
              // The server says why (undecodable, too large, wrong type): show it, mark the file.
              showError(error);
              onError?.(error instanceof Error ? error : new Error(String(error)));
            });
        }}
        onChange={({ fileList }) => {
          const next = fileList.map((file) =>
            file.status === 'done' && file.response?.thumbnailUrl
              ? {
                  ...file,
                  thumbUrl: file.response.thumbnailUrl,
                  url: file.response.url ?? file.response.thumbnailUrl,
                }
              : file,
          );
          setFiles(next);
          onChange?.(doneIds(next));
        }}
      >
        {files.length >= max ? null : (
          <button type="button" className="upload-button">
            <PlusOutlined />
            <div>{t('case.uploadPhoto')}</div>
          </button>
        )}
      </Upload>
    </div>
  );
}
