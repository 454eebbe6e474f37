// Typed data of a person's residence roles (户籍 / 流动 / 境外 / 留守), checked with the same
// extra-field rules as the groups: the console's forms, the API and the Excel import share them.
import type { ExtraFieldSpec, ResidenceRole } from './groups.ts';

const text = (key: string, labelZh: string, labelEn: string, required: boolean): ExtraFieldSpec => ({
  key,
  labelZh,
  labelEn,
  type: 'text',
  required,
  maxLength: 100,
});

export const RESIDENCE_ROLE_FIELDS: Record<ResidenceRole, readonly ExtraFieldSpec[]> = {
  registered: [
    {
      key: 'hukou_type',
      labelZh: '户口类别',
      labelEn: 'household type',
      type: 'enum',
      required: false,
      options: [
        { key: 'urban', labelZh: '城镇', labelEn: 'urban' },
        { key: 'rural', labelZh: '农村', labelEn: 'rural' },
      ],
    },
  ],
  floating: [
    { key: 'inflow_date', labelZh: '流入日期', labelEn: 'inflow date', type: 'date', required: true },
    {
      key: 'inflow_reason',
      labelZh: '流入原因',
      labelEn: 'inflow reason',
      type: 'enum',
      required: true,
      options: [
        { key: 'work', labelZh: '务工', labelEn: 'work' },
        { key: 'business', labelZh: '经商', labelEn: 'business' },
        { key: 'study', labelZh: '就学', labelEn: 'study' },
        { key: 'family', labelZh: '投亲靠友', labelEn: 'family' },
        { key: 'other', labelZh: '其他', labelEn: 'other' },
      ],
    },
    text('origin', '流出地', 'place of origin', true),
    text('residence_permit', '居住证编号', 'residence permit number', false),
    {
      key: 'expected_stay_months',
      labelZh: '预计居住期限（月）',
      labelEn: 'expected stay (months)',
      type: 'number',
      required: false,
      integer: true,
      min: 0,
      max: 600,
    },
  ],
  overseas: [
    text('nationality', '国籍', 'nationality', true),
    { key: 'entry_date', labelZh: '入境日期', labelEn: 'entry date', type: 'date', required: false },
    text('visa_type', '签证类型', 'visa type', false),
  ],
  left_behind: [text('note', '说明', 'note', false)],
};
