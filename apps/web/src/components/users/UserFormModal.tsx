import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Skeleton } from 'antd';
import { useMemo } from 'react';
import type { UserCreate, UserDetail, UserPatch } from '../../api/types';
import { createUser, patchUser, useDepartments, useRoles, useUser } from '../../api/users';
import { useI18n } from '../../i18n/useI18n';
import { OrgUnitTreeSelect } from '../OrgUnitTreeSelect';
import { useShowError } from '../useShowError';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  password?: string;
  roles: string[];
  orgUnitIds: string[];
  departmentIds: string[];
}

interface Props {
  /** null: create; an id: edit that user. */
  userId: string | null;
  open: boolean;
  onClose: () => void;
}

export function UserFormModal({ userId, open, onClose }: Props) {
  const { t } = useI18n();
  const editing = userId !== null;
  const user = useUser(open ? userId : null);
  const title = editing ? t('user.edit') : t('user.create');
  return (
    <Modal title={title} open={open} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      {editing && user.isPending ? (
        <Skeleton active />
      ) : editing && user.error ? (
        <Alert type="error" showIcon title={user.error.message} />
      ) : (
        <UserForm user={editing ? (user.data ?? null) : null} onClose={onClose} />
      )}
    </Modal>
  );
}

function UserForm({ user, onClose }: { user: UserDetail | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const roles = useRoles();
  const departments = useDepartments();
  const readOnly = !!user && !user.actions.includes('user.edit');

  const knownLabels = useMemo(() => {
    const labels: Record<string, string> = {};
    for (const a of user?.assignments ?? []) if (a.orgUnit) labels[a.orgUnit.id] = a.orgUnit.name;
    return labels;
  }, [user]);

  const mutation = useMutation({
    mutationFn: async (values: Values) => {
      if (!user) {
        const body: UserCreate = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password ?? '',
          roles: values.roles,
          orgUnitIds: values.orgUnitIds,
          departmentIds: values.departmentIds,
        };
        if (values.phone?.trim()) body.phone = values.phone.trim();
        return createUser(body);
      }
      const patch: UserPatch = {
        displayName: values.displayName.trim(),
        roles: values.roles,
        orgUnitIds: values.orgUnitIds,
        departmentIds: values.departmentIds,
      };
      // The list shows phones masked: only send a phone the operator actually typed.
      if (values.phone?.trim()) patch.phone = values.phone.trim();
      return patchUser(user.id, patch);
    },
    onSuccess: () => {
      message.success(user ? t('user.updated') : t('user.created'));
      queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  const initialValues: Partial<Values> = user
    ? {
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        orgUnitIds: user.assignments.flatMap((a) => (a.orgUnit ? [a.orgUnit.id] : [])),
        departmentIds: user.assignments.flatMap((a) => (a.department ? [a.department.id] : [])),
      }
    : { roles: [], orgUnitIds: [], departmentIds: [] };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => mutation.mutate(values)}
      disabled={readOnly}
      data-testid="user-form"
    >
      <Form.Item
        name="username"
        label={t('user.username')}
        rules={[{ required: true, whitespace: true, max: 50, pattern: /^[A-Za-z0-9_.@-]+$/ }]}
      >
        <Input disabled={!!user} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('user.displayName')}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('user.phone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/ }]}>
        <Input placeholder={user?.phone ?? undefined} autoComplete="off" />
      </Form.Item>
      {!user && (
        <Form.Item
          name="password"
          label={t('user.password')}
          extra={t('user.passwordHint')}
          rules={[{ required: true }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="roles" label={t('user.roles')} rules={[{ required: true, type: 'array', min: 1 }]}>
        <Select
          mode="multiple"
          loading={roles.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(roles.data ?? [])
            .filter((role) => role.grantable)
            .map((role) => ({ value: role.code, label: pick(role.nameZh, role.nameEn) }))}
          data-testid="user-roles-select"
        />
      </Form.Item>
      <Form.Item name="orgUnitIds" label={t('user.orgUnits')}>
        <OrgUnitTreeSelect multiple knownLabels={knownLabels} />
      </Form.Item>
      <Form.Item name="departmentIds" label={t('user.departments')}>
        <Select
          mode="multiple"
          loading={departments.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(departments.data ?? []).map((dept) => ({
            value: dept.id,
            label: dept.orgUnit ? `${dept.name}（${dept.orgUnit.name}）` : dept.name,
          }))}
        />
      </Form.Item>
      {!readOnly && (
        <div className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={mutation.isPending}
            data-testid="user-form-submit"
          >
            {t('common.save')}
          </Button>
        </div>
      )}
    </Form>
  );
}
