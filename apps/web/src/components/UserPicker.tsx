import { Select } from 'antd';
import { useState } from 'react';
import { useUsers } from '../api/users';

interface Props {
  value?: string;
  onChange: (userId: string | undefined) => void;
  placeholder?: string;
  enabled?: boolean;
}

/** Searchable user select backed by GET /api/users?q=. */
export function UserPicker({ value, onChange, placeholder, enabled = true }: Props) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useUsers({ q: q || undefined, page: 1, pageSize: 20 }, enabled);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(next: string | undefined) => onChange(next)}
      loading={isFetching}
      placeholder={placeholder}
      style={{ width: 220 }}
      disabled={!enabled}
      options={(data?.items ?? []).map((user) => ({
        value: user.id,
        label: `${user.displayName} (${user.username})`,
      }))}
    />
  );
}
