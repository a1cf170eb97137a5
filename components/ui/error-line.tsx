import { t } from '@/utils/state/panel-store';

/** An action's error, shown next to the button that ran it. */
export function ErrorLine({ error }: { error?: string }) {
  return error ? (
    <p role="alert" className="m-0 text-red-800">
      {t('common.error', { message: error })}
    </p>
  ) : null;
}
