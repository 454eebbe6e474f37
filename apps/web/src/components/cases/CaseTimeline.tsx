import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CaseStepEntry } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useLabel } from '../../i18n/useLabel';
import { useCaseLabels } from './labels';
import { PhotoStrip } from './PhotoStrip';
import { satisfactionWord } from './Satisfaction';

const COLORS: Record<string, string> = {
  verifyFail: 'red',
  returnToDispatcher: 'red',
  rejectSelfHandled: 'red',
  requestVoid: 'red',
  approveVoid: 'gray',
  supervise: 'orange',
  instruct: 'red',
  escalate: 'orange',
  close: 'green',
  verifyPass: 'green',
  auditSelfHandled: 'green',
};

/** The append-only history of a case: who did what, when, with which note, photos and deadline. */
export function CaseTimeline({ steps }: { steps: CaseStepEntry[] }) {
  const { t, pick, dateTime } = useI18n();
  const { stepLabel, stateLabel } = useCaseLabels();
  const labelOf = useLabel();
  const sorted = [...steps].sort((a, b) => a.seq - b.seq);
  return (
    <div data-testid="case-timeline">
      <Timeline
        items={sorted.map((step) => ({
          key: step.seq,
          color: COLORS[step.action] ?? 'blue',
          content: (
            <div className="case-step" data-testid={`case-step-${step.seq}`} data-action={step.action}>
              <div className="case-step-head">
                <Typography.Text strong>{stepLabel(step.action)}</Typography.Text>
                <span className="case-step-actor">
                  {step.systemActor ? (
                    labelOf('systemActor', step.systemActor)
                  ) : isSystemStep(step) ? (
                    t('case.systemActor')
                  ) : (
                    <span data-user-content>{step.actorName}</span>
                  )}
                  {step.actorRoles.map((role) => (
                    <Tag key={role} className="case-step-role">
                      {labelOf('role', role)}
                    </Tag>
                  ))}
                </span>
                <Typography.Text type="secondary">{dateTime(step.at)}</Typography.Text>
              </div>
              <div className="case-step-states">
                {step.fromState && step.fromState !== step.toState ? (
                  <>
                    {stateLabel(step.fromState)} → <strong>{stateLabel(step.toState)}</strong>
                  </>
                ) : (
                  <Typography.Text type="secondary">{stateLabel(step.toState)}</Typography.Text>
                )}
              </div>
              {step.reason && (
                <div>
                  <Typography.Text type="secondary">
                    {t('case.reason')}
                    {t('case.colon')}
                  </Typography.Text>
                  <span data-user-content>{step.reason}</span>
                </div>
              )}
              {step.note && (
                <div>
                  <Typography.Text type="secondary">
                    {t('case.note')}
                    {t('case.colon')}
                  </Typography.Text>
                  {isSystemStep(step) ? (
                    <SystemNote step={step} />
                  ) : (
                    <span data-user-content>{step.note}</span>
                  )}
                </div>
              )}
              {step.publicNote && (
                <div data-testid="case-step-public-note">
                  <Typography.Text type="secondary">
                    {t('case.publicNote')}
                    {t('case.colon')}
                  </Typography.Text>
                  <span data-user-content>{step.publicNote}</span>
                </div>
              )}
              {step.deadline && (
                <div>
                  <Typography.Text type="secondary">
                    {t('case.deadline')}
                    {t('case.colon')}
                  </Typography.Text>
                  {dateTime(step.deadline)}
                </div>
              )}
              <StepDetails details={step.details} pick={pick} />
              <PhotoStrip photos={step.photos ?? []} size={56} />
            </div>
          ),
        }))}
      />
    </div>
  );
}

/** Steps the server takes by itself (timer supervision, police routing) and notes in Chinese. */
function isSystemStep(step: CaseStepEntry): boolean {
  return step.details?.automatic === true || step.details?.routing === 'police';
}

/** The note of a system step, rebuilt from its details in the reader's language. */
function SystemNote({ step }: { step: CaseStepEntry }) {
  const { t } = useI18n();
  const labelOf = useLabel();
  const details = step.details ?? {};
  if (details.routing === 'police') {
    const target = details.target as { name?: string } | undefined;
    return (
      <>
        {t('case.policeRoutedTo')}
        <span data-user-content>{target?.name ?? ''}</span>
      </>
    );
  }
  const duty = details.reportForDuty as { departmentName?: string } | undefined;
  const percent = Math.round(Number(details.usedRatio ?? 0) * 100);
  return (
    <>
      {labelOf('supervision', String(details.level ?? ''))}
      {t('case.colon')}
      {duty?.departmentName && (
        <>
          <span data-user-content>{duty.departmentName}</span>{' '}
        </>
      )}
      {t(duty ? 'case.dutyLimitUsed' : 'case.limitUsed', { percent })}
    </>
  );
}

/** A few well-known detail fields in words; the rest is left to the audit log. Names are data. */
function StepDetails({
  details,
  pick,
}: {
  details: Record<string, unknown> | null;
  pick: (zh: string, en: string) => string;
}) {
  const { t, lang } = useI18n();
  if (!details) return null;
  const parts: ReactNode[] = [];
  const named = (key: string, title: string, name: ReactNode) =>
    parts.push(
      <span key={key}>
        {title}
        {t('case.colon')}
        <span data-user-content>{name}</span>
      </span>,
    );
  const target = details.target as { name?: string } | undefined;
  const to = details.to as { name?: string } | undefined;
  if (to?.name) named('to', t('case.escalatedTo'), to.name);
  if (target?.name) named('target', t('case.target'), target.name);
  const targets = details.targets as { name?: string; lead?: boolean }[] | undefined;
  if (Array.isArray(targets) && targets.length)
    parts.push(
      <span key="targets">
        {t('case.targets')}
        {t('case.colon')}
        {targets.map((item, i) => (
          <span key={item.name ?? i}>
            {i > 0 && pick('、', ', ')}
            <span data-user-content>{item.name ?? ''}</span>
            {item.lead ? pick('（牵头）', ' (lead)') : ''}
          </span>
        ))}
      </span>,
    );
  if (typeof details.rating === 'number')
    parts.push(`${t('case.rating')}${t('case.colon')}${satisfactionWord(details.rating, lang)}`);
  if (typeof details.satisfaction === 'number')
    parts.push(`${t('case.satisfaction')}${t('case.colon')}${satisfactionWord(details.satisfaction, lang)}`);
  if (typeof details.comment === 'string' && details.comment)
    named('comment', t('case.comment'), details.comment);
  const extension = details.extension as { amount?: number; unit?: string } | undefined;
  if (extension?.amount)
    parts.push(
      `${t('case.extension')}${t('case.colon')}${extension.amount} ${t(extension.unit === 'days' ? 'case.unitDays' : 'case.unitHours')}`,
    );
  if (parts.length === 0) return null;
  return (
    <div className="case-step-details">
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one step never reorder.
        <span key={i}>
          {i > 0 && t('case.separator')}
          {part}
        </span>
      ))}
    </div>
  );
}
