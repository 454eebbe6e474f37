import { Button, Space } from 'antd';
import { useState } from 'react';
import type { CaseDetail } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { CaseActionModal } from './CaseActionModal';
import { useCaseLabels } from './labels';
import { MergeModal } from './MergeModal';

const PRIMARY = new Set([
  'accept',
  'file',
  'dispatch',
  'whistle',
  'acknowledge',
  'acceptTask',
  'handle',
  'confirm',
  'verifyPass',
  'close',
  'evaluate',
  'archive',
  'auditSelfHandled',
  'approveVoid',
  'approveExtension',
]);
const DANGER = new Set([
  'requestVoid',
  'verifyFail',
  'returnToDispatcher',
  'rejectSelfHandled',
  'rejectVoid',
  'rejectExtension',
  'suspend',
]);

/** A button for each action the server lists in detail.actions, and nothing else. */
export function CaseActions({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const { actionLabel } = useCaseLabels();
  const [action, setAction] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);
  return (
    <div data-testid="case-actions" className="case-actions">
      {detail.actions.length === 0 ? (
        <span className="case-actions-none">{t('case.noActions')}</span>
      ) : (
        <Space wrap>
          {detail.actions.map((name) => (
            <Button
              key={name}
              type={PRIMARY.has(name) ? 'primary' : 'default'}
              danger={DANGER.has(name)}
              data-testid={`case-action-${name}`}
              onClick={() => (name === 'merge' ? setMerging(true) : setAction(name))}
            >
              {actionLabel(name)}
            </Button>
          ))}
        </Space>
      )}
      {action && <CaseActionModal detail={detail} action={action} onClose={() => setAction(null)} />}
      {merging && <MergeModal detail={detail} onClose={() => setMerging(false)} />}
    </div>
  );
}
