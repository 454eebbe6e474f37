import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { hasPermission, useMe } from '../api/auth';
import type { Assignment, UserSummary } from '../api/types';
import { patchUser, unlockUser, useRoles, useUsers } from '../api/users';
import { OrgUnitTreeSelect } from '../components/OrgUnitTreeSelect';
import { LevelTag } from '../components/tags';
import { PasswordModal } from '../components/users/PasswordModal';
import { UserFormModal } from '../components/users/UserFormModal';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';

function isLocked(user: UserSummary): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();
}

/** 用户管理: list, create/edit, reset password, unlock, enable/disable. */
export default function UsersPage() {
  const { t, pick, dateTime } = useI18n();
  const me = useMe();
  const canWrite = hasPermission(me, 'users.write');
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<{
    q?: string;
    role?: string;
    orgUnitId?: string;
    page: number;
    pageSize: number;
  }>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useUsers(filter);
  const roles = useRoles();
  const roleNames = useMemo(
    () => new Map((roles.data ?? []).map((role) => [role.code, pick(role.nameZh, role.nameEn)])),
    [roles.data, pick],
  );
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [passwordFor, setPasswordFor] = useState<UserSummary | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => patchUser(id, { active }),
    onSuccess: () => {
      message.success(t('user.updated'));
      refresh();
    },
    onError: (error) => showError(error),
  });
  const unlock = useMutation({
    mutationFn: (id: string) => unlockUser(id),
    onSuccess: () => {
      message.success(t('user.unlocked'));
      refresh();
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<UserSummary> = [
    { title: t('user.username'), dataIndex: 'username' },
    { title: t('user.displayName'), dataIndex: 'displayName' },
    { title: t('user.phone'), dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      render: (codes: string[]) =>
        codes.map((code) => (
          <Tag key={code} color="blue">
            {roleNames.get(code) ?? code}
          </Tag>
        )),
    },
    {
      title: t('user.assignments'),
      dataIndex: 'assignments',
      render: (assignments: Assignment[]) => (
        <Space orientation="vertical" size={2}>
          {assignments.map((a) =>
            a.orgUnit ? (
              <span key={`o${a.orgUnit.id}`}>
                <LevelTag level={a.orgUnit.level} /> {a.orgUnit.name}
              </span>
            ) : a.department ? (
              <span key={`d${a.department.id}`}>
                <Tag>{t('user.departments')}</Tag> {a.department.name}
              </span>
            ) : null,
          )}
        </Space>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, user) => (
        <Space size={4} wrap>
          {user.active ? <Tag color="green">{t('user.active')}</Tag> : <Tag>{t('user.inactive')}</Tag>}
          {isLocked(user) && (
            <Tag color="red" icon={<LockOutlined />}>
              {t('user.locked', { time: dateTime(user.lockedUntil) })}
            </Tag>
          )}
        </Space>
      ),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, user: UserSummary) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing({ id: user.id })}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setPasswordFor(user)}>
                  {t('user.resetPassword')}
                </Button>
                {isLocked(user) && (
                  <Button type="link" size="small" onClick={() => unlock.mutate(user.id)}>
                    {t('user.unlock')}
                  </Button>
                )}
                {user.active ? (
                  <Popconfirm
                    title={t('user.disableConfirm', { name: user.displayName })}
                    onConfirm={() => setActive.mutate({ id: user.id, active: false })}
                  >
                    <Button type="link" size="small" danger>
                      {t('user.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setActive.mutate({ id: user.id, active: true })}
                  >
                    {t('user.enable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('user.title')}
      extra={
        canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ id: null })}
            data-testid="user-create"
          >
            {t('user.create')}
          </Button>
        )
      }
    >
      <Space wrap className="filter-bar">
        <Input.Search
          allowClear
          placeholder={t('user.searchPlaceholder')}
          onSearch={(value) => setFilter((f) => ({ ...f, q: value.trim() || undefined, page: 1 }))}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('user.filterRole')}
          style={{ width: 180 }}
          value={filter.role}
          onChange={(role) => setFilter((f) => ({ ...f, role, page: 1 }))}
          options={(roles.data ?? []).map((role) => ({
            value: role.code,
            label: pick(role.nameZh, role.nameEn),
          }))}
        />
        <OrgUnitTreeSelect
          value={filter.orgUnitId}
          onChange={(orgUnitId) => setFilter((f) => ({ ...f, orgUnitId, page: 1 }))}
          placeholder={t('user.filterUnit')}
          style={{ minWidth: 220 }}
        />
      </Space>
      <Table<UserSummary>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      <UserFormModal userId={editing?.id ?? null} open={editing !== null} onClose={() => setEditing(null)} />
      <PasswordModal user={passwordFor} onClose={() => setPasswordFor(null)} />
    </Card>
  );
}
