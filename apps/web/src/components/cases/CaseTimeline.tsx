import { Tag, Timeline, Typography } from 'antd';
import type { CaseStepEntry } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useCaseLabels } from './labels';
import { PhotoStrip } from './PhotoStrip';

const COLORS: Record<string, string> = {
  verifyFail: 'red',
  returnToDispatcher: 'red',
  rejectSelfHandled: 'red',
  requestVoid: 'red',
  approveVoid: 'gray',
  supervise: 'orange',
  escalate: 'orange',
  close: 'green',
  verifyPass: 'green',
  auditSelfHandled: 'green',
};

/** The append-only history of a case: who did what, when, with which note, photos and deadline. */
export function CaseTimeline({ steps }: { steps: CaseStepEntry[] }) {
  const { t, tk, pick, dateTime } = useI18n();
  const { actionLabel, stateLabel } = useCaseLabels();
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
                <Typography.Text strong>{actionLabel(step.action)}</Typography.Text>
                <span className="case-step-actor">
                  {step.actorName}
                  {step.actorRoles.map((role) => (
                    <Tag key={role} className="case-step-role">
                      {tk(`role.${role}`, role)}
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
                  {step.reason}
                </div>
              )}
              {step.note && (
                <div>
                  <Typography.Text type="secondary">
                    {t('case.note')}
                    {t('case.colon')}
                  </Typography.Text>
                  {step.note}
                </div>
              )}
              {step.publicNote && (
                <div data-testid="case-step-public-note">
                  <Typography.Text type="secondary">
                    {t('case.publicNote')}
                    {t('case.colon')}
                  </Typography.Text>
                  {step.publicNote}
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

/** A few well-known detail fields in words; the rest is left to the audit log. */
function StepDetails({
  details,
  pick,
}: {
  details: Record<string, unknown> | null;
  pick: (zh: string, en: string) => string;
}) {
  const { t } = useI18n();
  if (!details) return null;
  const parts: string[] = [];
  const target = details.target as { name?: string } | undefined;
  const to = details.to as { name?: string } | undefined;
  if (to?.name) parts.push(`${t('case.escalatedTo')}${t('case.colon')}${to.name}`);
  if (target?.name) parts.push(`${t('case.target')}${t('case.colon')}${target.name}`);
  const targets = details.targets as { name?: string; lead?: boolean }[] | undefined;
  if (Array.isArray(targets) && targets.length)
    parts.push(
      `${t('case.targets')}${t('case.colon')}${targets
        .map((item) => `${item.name ?? ''}${item.lead ? pick('（牵头）', ' (lead)') : ''}`)
        .join(pick('、', ', '))}`,
    );
  if (typeof details.rating === 'number')
    parts.push(`${t('case.rating')}${t('case.colon')}${details.rating}`);
  if (typeof details.satisfaction === 'number')
    parts.push(`${t('case.satisfaction')}${t('case.colon')}${details.satisfaction}`);
  if (typeof details.comment === 'string' && details.comment)
    parts.push(`${t('case.comment')}${t('case.colon')}${details.comment}`);
  const extension = details.extension as { amount?: number; unit?: string } | undefined;
  if (extension?.amount)
    parts.push(
      `${t('case.extension')}${t('case.colon')}${extension.amount} ${t(extension.unit === 'days' ? 'case.unitDays' : 'case.unitHours')}`,
    );
  if (parts.length === 0) return null;
  return <div className="case-step-details">{parts.join(t('case.separator'))}</div>;
}
