import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Space, Switch, Typography } from 'antd';
import type { Geometry } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import { isApiError } from '../../api/client';
import { gridKeys, putBoundary } from '../../api/grids';
import type { GridDetail, ImportIssue } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { IssuesTable } from '../boundaries/IssuesTable';
import { useShowError } from '../useShowError';
import { formatGeometry, parseGeometry } from './geometryText';

interface Props {
  grid: GridDetail;
  /** The parsed draft (or null when the text is not a polygon), to preview on the map. */
  onDraftChange: (geometry: Geometry | null) => void;
  /** Text replaced from outside (e.g. vertices dragged on the map). */
  externalText?: string | null;
  dragMode: boolean;
  onDragModeChange: (on: boolean) => void;
}

function issuesOf(error: unknown): ImportIssue[] | null {
  if (!isApiError(error) || !Array.isArray(error.details.issues)) return null;
  return error.details.issues as ImportIssue[];
}

/** JSON editor for the boundary: PUT /api/grids/:id/boundary; a 422 lists the failed rules. */
export function BoundaryEditor({ grid, onDraftChange, externalText, dragMode, onDragModeChange }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const original = useMemo(() => formatGeometry(grid.boundary), [grid.boundary]);
  const [text, setText] = useState(original);
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<ImportIssue[] | null>(null);
  const parsed = useMemo(() => parseGeometry(text), [text]);
  const dirty = text !== original;

  useEffect(() => setText(original), [original]);
  useEffect(() => {
    if (externalText !== null && externalText !== undefined) setText(externalText);
  }, [externalText]);
  useEffect(() => {
    onDraftChange(dirty && parsed.ok ? parsed.geometry : null);
  }, [dirty, parsed, onDraftChange]);

  const mutation = useMutation({
    mutationFn: (geometry: Geometry) => putBoundary(grid.id, geometry, note.trim() || undefined),
    onSuccess: (updated) => {
      setIssues(updated.warnings?.length ? updated.warnings : null);
      setNote('');
      queryClient.setQueryData(gridKeys.detail(grid.id), updated);
      queryClient.invalidateQueries({ queryKey: gridKeys.boundaries(grid.id) });
      queryClient.invalidateQueries({ queryKey: ['grids', 'geojson'] });
      message.success(t('grid.boundarySaved'));
    },
    onError: (error) => {
      const found = issuesOf(error);
      setIssues(found);
      if (found) message.error(t('grid.boundaryIssues'));
      else showError(error);
    },
  });

  const parseError = parsed.ok
    ? null
    : parsed.reason === 'json'
      ? t('grid.invalidJson', { message: parsed.message })
      : t('grid.notGeometry');

  return (
    <div data-testid="boundary-editor" className="boundary-editor">
      <Typography.Paragraph type="secondary">{t('grid.boundaryHelp')}</Typography.Paragraph>
      <Input.TextArea
        data-testid="boundary-json"
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoSize={{ minRows: 8, maxRows: 20 }}
        spellCheck={false}
        className="mono"
        status={text && parseError ? 'error' : undefined}
      />
      {text && parseError && <Typography.Text type="danger">{parseError}</Typography.Text>}
      <Input
        className="boundary-note"
        placeholder={t('grid.note')}
        value={note}
        maxLength={500}
        onChange={(event) => setNote(event.target.value)}
      />
      <Space wrap>
        <Button
          type="primary"
          data-testid="boundary-save"
          loading={mutation.isPending}
          disabled={!parsed.ok}
          onClick={() => parsed.ok && mutation.mutate(parsed.geometry)}
        >
          {t('grid.validateAndSave')}
        </Button>
        <Button disabled={!parsed.ok} onClick={() => parsed.ok && setText(formatGeometry(parsed.geometry))}>
          {t('grid.formatJson')}
        </Button>
        <Button disabled={!dirty} onClick={() => setText(original)}>
          {t('grid.resetBoundary')}
        </Button>
        <Switch checked={dragMode} onChange={onDragModeChange} data-testid="boundary-drag" />
        <Typography.Text type="secondary">{t('grid.enableDrag')}</Typography.Text>
      </Space>
      {issues && (
        <div data-testid="boundary-issues" className="boundary-issues">
          {issues.some((issue) => issue.severity === 'error') ? (
            <Alert type="error" showIcon title={t('grid.boundaryIssues')} />
          ) : (
            <Alert type="warning" showIcon title={t('import.warnings')} />
          )}
          <IssuesTable issues={issues} />
        </div>
      )}
    </div>
  );
}
