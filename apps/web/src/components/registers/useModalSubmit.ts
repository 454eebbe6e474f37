import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useShowError } from '../useShowError';

/**
 * The save of a form modal: busy while `save` runs, closed when it succeeds, the API error shown
 * (and put on the form's field when it names one) when it fails, so the modal stays open to fix it.
 */
export function useModalSubmit(form: FormInstance, onClose: () => void) {
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const run = async (save: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await save();
      onClose();
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
