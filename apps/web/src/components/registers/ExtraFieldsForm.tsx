import type { ExtraFieldSpec } from '@wangge/rules';
import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/useI18n';

/** Form items generated from a group type's field specs; values live under `extra.<key>`. */
export function ExtraFieldsForm({ fields }: { fields: readonly ExtraFieldSpec[] }) {
  const { t, pick } = useI18n();
  return (
    <>
      {fields.map((spec) => {
        const name = ['extra', spec.key];
        const label = pick(spec.labelZh, spec.labelEn);
        const rules =
          spec.required && spec.type !== 'boolean' ? [{ required: true, message: t('common.required') }] : [];
        switch (spec.type) {
          case 'enum':
            return (
              <Form.Item key={spec.key} name={name} label={label} rules={rules}>
                <Select
                  allowClear
                  placeholder={t('reg.action.select')}
                  options={(spec.options ?? []).map((o) => ({
                    value: o.key,
                    label: pick(o.labelZh, o.labelEn),
                  }))}
                />
              </Form.Item>
            );
          case 'boolean':
            return (
              <Form.Item
                key={spec.key}
                name={name}
                label={label}
                valuePropName="checked"
                initialValue={false}
              >
                <Switch />
              </Form.Item>
            );
          case 'number':
            return (
              <Form.Item key={spec.key} name={name} label={label} rules={rules}>
                <InputNumber min={spec.min} max={spec.max} precision={spec.integer ? 0 : undefined} />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item key={spec.key} name={name} label={label} rules={rules}>
                <DatePicker />
              </Form.Item>
            );
          default:
            return (
              <Form.Item key={spec.key} name={name} label={label} rules={rules}>
                <Input maxLength={spec.maxLength ?? 200} />
              </Form.Item>
            );
        }
      })}
    </>
  );
}

/** Form values → the API's extra object: dates as YYYY-MM-DD, empty values left out. */
export function extraFromForm(
  fields: readonly ExtraFieldSpec[],
  values: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of fields) {
    const value = values?.[spec.key];
    if (value === undefined || value === null || value === '') continue;
    out[spec.key] = spec.type === 'date' ? (value as Dayjs).format('YYYY-MM-DD') : value;
  }
  return out;
}
