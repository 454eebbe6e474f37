import { CASE_STATES } from '@wangge/rules';
import { Checkbox, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { CaseFilter } from '../../api/cases';
import { useI18n } from '../../i18n/useI18n';
import { OrgUnitTreeSelect } from '../OrgUnitTreeSelect';
import { CategoryTreeSelect } from './CategoryTreeSelect';
import { CASE_SOURCES, useCaseLabels } from './labels';
import type { FilterChanges } from './useCaseFilter';

/** Filter bar of a case list: state, category, unit, overdue, source, report date, keyword. */
export function CaseFilters({
  filter,
  onChange,
}: {
  filter: CaseFilter;
  onChange: (changes: FilterChanges) => void;
}) {
  const { t } = useI18n();
  const { stateLabel, sourceLabel } = useCaseLabels();
  const states = filter.state ? filter.state.split(',').filter(Boolean) : [];
  return (
    <Space wrap className="filter-bar" data-testid="case-filters">
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('case.filterState')}
        style={{ minWidth: 200, maxWidth: 320 }}
        value={states}
        onChange={(value) => onChange({ state: value.length ? value.join(',') : undefined })}
        options={CASE_STATES.map((state) => ({ value: state, label: stateLabel(state) }))}
        data-testid="case-filter-state"
      />
      <CategoryTreeSelect
        value={filter.categoryCode}
        onChange={(code) => onChange({ categoryCode: code })}
        placeholder={t('case.category')}
        style={{ minWidth: 180 }}
      />
      <OrgUnitTreeSelect
        value={filter.within}
        onChange={(value) => onChange({ within: value })}
        placeholder={t('case.filterUnit')}
        style={{ minWidth: 200 }}
      />
      <Select<string>
        allowClear
        placeholder={t('case.source')}
        style={{ width: 130 }}
        value={filter.source}
        onChange={(value) => onChange({ source: value })}
        options={CASE_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) }))}
        data-testid="case-filter-source"
      />
      <DatePicker.RangePicker
        placeholder={[t('case.reportedFrom'), t('case.reportedTo')]}
        value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
        allowEmpty={[true, true]}
        onChange={(range) =>
          onChange({
            from: range?.[0]?.startOf('day').toISOString(),
            to: range?.[1]?.endOf('day').toISOString(),
          })
        }
      />
      <Checkbox
        checked={filter.overdue === true}
        onChange={(event) => onChange({ overdue: event.target.checked ? 'true' : undefined })}
        data-testid="case-filter-overdue"
      >
        {t('case.overdueOnly')}
      </Checkbox>
      <Input.Search
        allowClear
        placeholder={t('case.searchPlaceholder')}
        defaultValue={filter.q}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        style={{ width: 240 }}
        data-testid="case-filter-q"
      />
    </Space>
  );
}
