import { Navigate } from 'react-router-dom';
import { hasPermission, useMe } from '../api/auth';

/** The start page is the first screen the user may see. */
export function HomeRedirect() {
  const me = useMe();
  const target = hasPermission(me, 'grids.read')
    ? '/map'
    : hasPermission(me, 'org.read')
      ? '/org'
      : hasPermission(me, 'cases.read')
        ? '/cases/inbox'
        : '/tokens';
  return <Navigate to={target} replace />;
}
