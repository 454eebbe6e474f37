import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { isApiError } from '../api/client';
import { useI18n } from '../i18n/useI18n';

/**
 * Shows an API error as a toast; a validation error naming a field (details.field) is also put on
 * that field of the form, when one is given.
 */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (!isApiError(error)) {
        message.error(error instanceof Error ? error.message : String(error));
        return;
      }
      const field = typeof error.details.field === 'string' ? error.details.field : undefined;
      if (field && form) form.setFields([{ name: field, errors: [error.message] }]);
      message.error(field ? `${error.message}（${t('common.field')}: ${field}）` : error.message);
    },
    [message, t],
  );
}
