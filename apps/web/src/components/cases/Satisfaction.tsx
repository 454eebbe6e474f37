import { label, SATISFACTION_LEVELS, SATISFACTION_SCORE, satisfactionLevel } from '@wangge/rules';
import { Radio } from 'antd';
import { useI18n } from '../../i18n/useI18n';

/** A stored 1–5 score in words (满意 / 基本满意 / 不满意); the score itself when it has no word. */
export function satisfactionWord(score: number, lang: 'zh' | 'en'): string {
  const level = satisfactionLevel(score);
  return level ? label('satisfaction', level, lang) : String(score);
}

export function SatisfactionWord({ score }: { score: number }) {
  const { lang } = useI18n();
  return <span data-testid="satisfaction-word">{satisfactionWord(score, lang)}</span>;
}

/**
 * The three words as a choice (a form control: value and onChange carry the stored score). A score
 * stored before the words shows as the word it maps to.
 */
export function SatisfactionInput(props: {
  value?: number;
  onChange?: (score: number) => void;
  testId?: string;
}) {
  const { lang } = useI18n();
  const level = props.value === undefined ? undefined : satisfactionLevel(props.value);
  return (
    <Radio.Group
      data-testid={props.testId}
      optionType="button"
      buttonStyle="solid"
      value={level ?? undefined}
      onChange={(e) =>
        props.onChange?.(SATISFACTION_SCORE[e.target.value as keyof typeof SATISFACTION_SCORE])
      }
      options={SATISFACTION_LEVELS.map((l) => ({ value: l, label: label('satisfaction', l, lang) }))}
    />
  );
}
