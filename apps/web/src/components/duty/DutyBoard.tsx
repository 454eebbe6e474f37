import { useMutation, useQueryClient } from '@tanstack/react-query';
import { beijingDay, TASK_KINDS } from '@wangge/rules';
import { App, Button, Card, Form, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import {
  type DutyBoard as Board,
  createTask,
  dutyKeys,
  useCoverage,
  useDutyBoard,
  useTodayTasks,
} from '../../api/duty';
import { useI18n } from '../../i18n/useI18n';
import { useLabel } from '../../i18n/useLabel';
import { useShowError } from '../useShowError';

const SHIFT_COLOR: Record<string, string> = {
  morning: 'blue',
  evening: 'purple',
  night: 'geekblue',
  standby: 'green',
  rest: 'default',
};

/** 当日任务板: each grid team's shifts today, the day's tasks, a task for a worker, and coverage. */
export function DutyBoard() {
  const { t } = useI18n();
  const labelOf = useLabel();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const day = beijingDay(new Date());
  const board = useDutyBoard();
  const coverage = useCoverage();
  const tasks = useTodayTasks(day);
  const [form] = Form.useForm();
  const workers = (board.data?.teams ?? []).flatMap((team) =>
    team.members.map((m) => ({ value: m.userId, label: `${m.name} · ${team.grid.name}` })),
  );
  const create = useMutation({
    mutationFn: createTask,
    onSuccess: () => {
      message.success(t('duty.taskCreated'));
      form.resetFields(['title', 'route', 'instructions']);
      void queryClient.invalidateQueries({ queryKey: dutyKeys.all });
    },
    onError: (error) => showError(error),
  });

  return (
    <div className="duty-board" data-testid="duty-board">
      <Card size="small" title={t('duty.shiftsToday', { day })} className="duty-shifts">
        <Table<Board['teams'][number]>
          size="small"
          rowKey={(r) => r.grid.id}
          loading={board.isLoading}
          pagination={{ pageSize: 8, size: 'small' }}
          dataSource={board.data?.teams ?? []}
          columns={[
            { title: t('duty.grid'), dataIndex: ['grid', 'name'], width: 160 },
            {
              title: t('duty.team'),
              render: (_, team) => (
                <Space size={4} wrap>
                  {team.members.map((m) => (
                    <Tag key={m.userId} color={SHIFT_COLOR[m.kind ?? 'rest']}>
                      {m.name} · {m.kind ? labelOf('shiftKind', m.kind) : t('duty.unset')}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('duty.newTask')} data-testid="duty-new-task">
        <Form
          form={form}
          layout="inline"
          initialValues={{ kind: 'patrol_route' }}
          onFinish={(v) =>
            create.mutate({
              assigneeId: v.assigneeId,
              kind: v.kind,
              title: v.title,
              ...(v.kind === 'patrol_route' && v.route ? { route: v.route } : {}),
              ...(v.instructions ? { instructions: v.instructions } : {}),
            })
          }
        >
          <Form.Item name="assigneeId" rules={[{ required: true, message: t('duty.pickWorker') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('duty.worker')}
              style={{ width: 220 }}
              options={workers}
              data-testid="duty-task-worker"
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 130 }}
              options={TASK_KINDS.map((k) => ({ value: k, label: labelOf('taskKind', k) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            rules={[{ required: true, whitespace: true, message: t('duty.needTitle') }]}
          >
            <Input placeholder={t('duty.title')} style={{ width: 200 }} data-testid="duty-task-title" />
          </Form.Item>
          <Form.Item name="route">
            <Input placeholder={t('duty.route')} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="duty-task-submit">
            {t('duty.assign')}
          </Button>
        </Form>
      </Card>
      <Space align="start" style={{ width: '100%' }} className="duty-lists">
        <Card
          size="small"
          title={t('duty.tasksToday', { count: tasks.data?.items.length ?? 0 })}
          style={{ width: 520 }}
        >
          <List
            size="small"
            loading={tasks.isLoading}
            dataSource={tasks.data?.items ?? []}
            renderItem={(task) => (
              <List.Item data-testid="duty-task">
                <List.Item.Meta
                  title={
                    <Space>
                      {task.title}
                      <Tag
                        color={task.state === 'done' ? 'green' : task.state === 'open' ? 'blue' : 'default'}
                      >
                        {labelOf('taskState', task.state)}
                      </Tag>
                    </Space>
                  }
                  description={`${labelOf('taskKind', task.kind)} · ${task.assignee.name} · ${task.grid.name}${
                    task.done?.note ? ` · ${task.done.note}` : ''
                  }`}
                />
              </List.Item>
            )}
          />
        </Card>
        <Card
          size="small"
          title={t('duty.uncovered', {
            count: coverage.data?.uncovered.length ?? 0,
            of: coverage.data?.grids ?? 0,
          })}
          style={{ width: 360 }}
          data-testid="duty-coverage"
        >
          <List
            size="small"
            loading={coverage.isLoading}
            dataSource={coverage.data?.uncovered ?? []}
            locale={{ emptyText: t('duty.allCovered') }}
            renderItem={(g) => (
              <List.Item>
                <Typography.Text type="danger">{g.name}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Space>
    </div>
  );
}
