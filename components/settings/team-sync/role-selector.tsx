/** Manager or agent: what the Team sync section offers follows the role. */
import { useId } from 'react';
import type { Role } from '@/utils/schemas/settings';
import { lockedSettings, settings, t, updateSettings } from '@/utils/state/panel-store';
import { PolicyBadge } from '../policy';

export function RoleSelector() {
  const id = useId();
  const role = settings.value.role;
  const locked = lockedSettings.value.role !== undefined;
  return (
    <div className="grid grid-cols-1 gap-1">
      <label htmlFor={id} className="font-medium text-slate-700">
        {t('sync.role')}
        {locked && <PolicyBadge />}
      </label>
      <select
        id={id}
        data-testid="sync-role"
        className="rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-100"
        disabled={locked}
        value={role}
        onChange={(e) => void updateSettings({ role: e.target.value as Role })}
      >
        <option value="manager">{t('sync.role.manager')}</option>
        <option value="agent">{t('sync.role.agent')}</option>
      </select>
      <p className="m-0 text-slate-500">{t(role === 'manager' ? 'sync.role.manager.hint' : 'sync.role.agent.hint')}</p>
    </div>
  );
}
