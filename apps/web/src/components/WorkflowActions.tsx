import { type LabelKind, label } from '@wangge/rules';
import { App, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { useShowError } from './useShowError';

/**
 * The buttons of a workflow item (errand, mediation record …): the actions the server lists for
 * the caller, one text box for the note or reason an action needs, a confirmation, then the call.
 * The rules (which actions, which inputs) come from the server's list and the workflow table.
 */
export function WorkflowActions<A extends string>(props: {
  actions: readonly A[];
  labelKind: LabelKind;
  /** The inputs an action needs (the workflow table's `needs`). */
  needsOf: (action: A) => readonly string[];
  act: (action: A, text: { note?: string; reason?: string }) => Promise<void>;
  placeholder: string;
  /** Actions drawn as a warning (returns, cancellations, failures). */
  isDanger?: (action: A) => boolean;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<A | null>(null);
  if (props.actions.length === 0) return null;

  const run = async (action: A) => {
    const needs = props.needsOf(action);
    const value = text.trim();
    if (needs.length > 0 && !value) {
      message.warning(needs.includes('reason') ? t('errand.reasonNeeded') : t('errand.noteNeeded'));
      return;
    }
    const ok = await modal.confirm({ title: `${label(props.labelKind, action, lang)}？` });
    if (!ok) return;
    setBusy(action);
    try {
      await props.act(action, value ? (needs.includes('reason') ? { reason: value } : { note: value }) : {});
      setText('');
      message.success(t('errand.done'));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('common.actions')} data-testid={`${props.testId}-actions`}>
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={props.placeholder}
        data-testid={`${props.testId}-note`}
      />
      <Space wrap style={{ marginTop: 12 }}>
        {props.actions.map((action) => {
          const danger = props.isDanger?.(action) ?? false;
          return (
            <Button
              key={action}
              type={danger ? 'default' : 'primary'}
              danger={danger}
              loading={busy === action}
              disabled={busy !== null && busy !== action}
              onClick={() => run(action)}
              data-testid={`${props.testId}-action-${action}`}
            >
              {label(props.labelKind, action, lang)}
            </Button>
          );
        })}
      </Space>
    </Card>
  );
}
