// A <select> of active staff users, for owner fields and owner filters. Pass it to
// <Field> as the control. `emptyLabel` names the "no user" choice ("Anyone", "No owner").
import type { SelectHTMLAttributes } from 'react';
import { Select } from '../../../ui';
import { useUsers } from '../hooks';
import { userLabel } from '../types';

export interface UserSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: string | null;
  onChange: (id: string | null) => void;
  emptyLabel: string;
}

export function UserSelect({ value, onChange, emptyLabel, ...rest }: UserSelectProps) {
  const { users, byId, loading } = useUsers();
  const missing = value && !byId.has(value) && !loading;
  return (
    <Select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} {...rest}>
      <option value="">{loading ? 'Loading…' : emptyLabel}</option>
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {userLabel(u)}
        </option>
      ))}
      {missing && <option value={value}>Inactive user</option>}
    </Select>
  );
}
