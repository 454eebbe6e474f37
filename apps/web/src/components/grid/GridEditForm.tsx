import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Select } from 'antd';
import { gridKeys, patchGrid } from '../../api/grids';
import type { GridDetail, GridKind, GridPatch, SpecialType } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

const SPECIAL_TYPES = ['school', 'hospital', 'park', 'market', 'enterprise', 'other'] as const;

interface Values {
  name: string;
  kind: GridKind;
  specialType: SpecialType | null;
  households: number | null;
}

/** PATCH /api/grids/:id with only the fields that changed. */
export function GridEditForm({ grid }: { grid: GridDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  const mutation = useMutation({
    mutationFn: (patch: GridPatch) => patchGrid(grid.id, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(gridKeys.detail(grid.id), updated);
      queryClient.invalidateQueries({ queryKey: ['grids', 'list'] });
      queryClient.invalidateQueries({ queryKey: ['grids', 'geojson'] });
      queryClient.invalidateQueries({ queryKey: ['org'] });
      message.success(t('common.saved'));
    },
    onError: (error) => showError(error, form),
  });

  const onFinish = (values: Values) => {
    const patch: GridPatch = {};
    if (values.name.trim() !== grid.name) patch.name = values.name.trim();
    if (values.kind !== grid.kind) patch.kind = values.kind;
    const specialType = values.kind === 'special' ? (values.specialType ?? null) : null;
    if (specialType !== (grid.specialType ?? null)) patch.specialType = specialType;
    if (values.households !== null && values.households !== grid.households)
      patch.households = values.households;
    if (Object.keys(patch).length === 0) {
      message.info(t('common.saved'));
      return;
    }
    mutation.mutate(patch);
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="grid-edit-form"
      initialValues={{
        name: grid.name,
        kind: grid.kind,
        specialType: grid.specialType,
        households: grid.households,
      }}
      onFinish={onFinish}
      style={{ maxWidth: 480 }}
    >
      <Form.Item name="name" label={t('grid.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('grid.kind')} rules={[{ required: true }]}>
        <Select<GridKind>
          options={(['base', 'special'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      </Form.Item>
      {kind === 'special' && (
        <Form.Item name="specialType" label={t('grid.specialType')}>
          <Select
            allowClear
            options={SPECIAL_TYPES.map((value) => ({ value, label: t(`specialType.${value}`) }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="households"
        label={t('grid.households')}
        extra="300–500"
        rules={[{ type: 'integer', min: 0, max: 100_000 }]}
      >
        <InputNumber min={0} max={100_000} precision={0} style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
