import { Alert, Result } from 'antd';
import { isApiError } from '../../api/client';

/**
 * Why a register page could not load: out of scope is a 404 (the server never hints that the
 * record exists) and a missing permission a 403, both shown as a full-page result; anything else
 * is an error banner.
 */
export function LoadFailure({ error }: { error: Error }) {
  if (isApiError(error) && (error.status === 404 || error.status === 403))
    return (
      <Result status={error.status === 404 ? '404' : '403'} title={error.status} subTitle={error.message} />
    );
  return <Alert type="error" showIcon title={error.message} />;
}
