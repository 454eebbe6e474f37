import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { logout, meKey } from '../api/auth';

/** Ends the session and forgets every cached answer of it, even when the server is unreachable. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await logout();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      navigate('/login', { replace: true });
    }
  };
}
