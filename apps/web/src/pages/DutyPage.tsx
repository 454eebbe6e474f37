import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addDays, beijingDay, SHIFT_KINDS, weekStart } from '@wangge/rules';
import { App, Button, Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { dutyKeys, type Rota, saveRota, useDutyBoard, useRota } from '../api/duty';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';
import { useLabel } from '../i18n/useLabel';

/** 排班: a grid team's week, worker × day → shift kind; saved in one go. */
export default function DutyPage() {
  const { t } = useI18n();
  const labelOf = useLabel();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const board = useDutyBoard();
  const [gridId, setGridId] = useState<string>();
  const [week, setWeek] = useState(weekStart(beijingDay(new Date())));
  const grid = gridId ?? board.data?.teams[0]?.grid.id;
  const rota = useRota(grid, week);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (r: Rota) =>
      saveRota(
        r.grid.id,
        Object.entries(edits).map(([key, kind]) => {
          const [userId = '', day = ''] = key.split('|');
          return { userId, day, kind };
        }),
      ),
    onSuccess: () => {
      setEdits({});
      message.success(t('duty.saved'));
      void queryClient.invalidateQueries({ queryKey: dutyKeys.all });
    },
    onError: (error) => showError(error),
  });
  const editable = rota.data?.actions.includes('edit') ?? false;
  const weekdays = t('duty.weekdays').split(',');

  return (
    <Card
      data-testid="duty-page"
      title={t('duty.rotaTitle')}
      extra={
        <Space>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 240 }}
            value={grid}
            onChange={(v) => {
              setGridId(v);
              setEdits({});
            }}
            options={(board.data?.teams ?? []).map((team) => ({
              value: team.grid.id,
              label: team.grid.name,
            }))}
          />
          <Button onClick={() => setWeek(addDays(week, -7))}>{t('duty.prevWeek')}</Button>
          <Button onClick={() => setWeek(addDays(week, 7))}>{t('duty.nextWeek')}</Button>
          <Button
            type="primary"
            disabled={!editable || Object.keys(edits).length === 0}
            loading={save.isPending}
            onClick={() => rota.data && save.mutate(rota.data)}
            data-testid="duty-save"
          >
            {t('duty.save')}
          </Button>
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        loading={rota.isLoading}
        dataSource={rota.data?.members ?? []}
        columns={[
          { title: t('duty.worker'), dataIndex: 'name', width: 140 },
          ...(rota.data?.days ?? []).map((day, i) => ({
            title: `${weekdays[i] ?? ''} ${day.slice(5)}`,
            key: day,
            render: (_: unknown, m: Rota['members'][number]) => {
              const key = `${m.userId}|${day}`;
              return (
                <Select
                  size="small"
                  style={{ width: 96 }}
                  disabled={!editable}
                  value={edits[key] ?? m.shifts[day]}
                  placeholder={t('duty.unset')}
                  onChange={(kind) => setEdits({ ...edits, [key]: kind })}
                  options={SHIFT_KINDS.map((k) => ({ value: k, label: labelOf('shiftKind', k) }))}
                />
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
