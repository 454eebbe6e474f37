import type { ExtraFieldSpec } from '@wangge/rules';
import { Input, Selector, Switch } from 'antd-mobile';
import type { ReactNode } from 'react';
import { pick } from '../i18n/lang';

export type FieldDraft = Record<string, string | boolean>;

/**
 * Inputs generated from an item type's field specs. Values stay as typed (text, 'YYYY-MM-DD',
 * numbers as text); validateExtraFields of @wangge/rules checks and converts them on submit.
 */
export function FieldsForm(props: {
  specs: readonly ExtraFieldSpec[];
  values: FieldDraft;
  onChange: (values: FieldDraft) => void;
  error?: { field: string; reason: string } | null;
}) {
  const set = (key: string, value: string | boolean) => props.onChange({ ...props.values, [key]: value });
  return (
    <div className="m-fields">
      {props.specs.map((spec) => {
        const value = props.values[spec.key];
        const text = typeof value === 'string' ? value : '';
        let input: ReactNode;
        switch (spec.type) {
          case 'enum':
            input = (
              <Selector
                columns={2}
                options={(spec.options ?? []).map((o) => ({
                  label: pick(o.labelZh, o.labelEn),
                  value: o.key,
                }))}
                value={text ? [text] : []}
                onChange={(v) => set(spec.key, v[0] ?? '')}
              />
            );
            break;
          case 'boolean':
            input = <Switch checked={value === true} onChange={(on) => set(spec.key, on)} />;
            break;
          case 'date':
            input = <Input type="date" value={text} onChange={(v) => set(spec.key, v)} />;
            break;
          case 'number':
            input = (
              <Input
                type="number"
                inputMode={spec.integer ? 'numeric' : 'decimal'}
                value={text}
                onChange={(v) => set(spec.key, v)}
              />
            );
            break;
          default:
            input = (
              <Input
                type={spec.format === 'phone' ? 'tel' : 'text'}
                maxLength={spec.maxLength ?? 200}
                value={text}
                onChange={(v) => set(spec.key, v)}
                clearable
              />
            );
        }
        const wrong = props.error?.field === spec.key;
        return (
          <div key={spec.key} className="m-field" data-testid={`field-${spec.key}`}>
            <div className="m-field-label">
              {spec.required && <span style={{ color: '#ff4d4f' }}>* </span>}
              {pick(spec.labelZh, spec.labelEn)}
            </div>
            {input}
            {wrong && <div className="m-field-error">{props.error?.reason}</div>}
          </div>
        );
      })}
    </div>
  );
}
