import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

/**
 * The white title bar with a back arrow on top of every page that is not a tab's root: one way
 * out of each page. The arrow goes to `back` when given, else one step back in the app's history,
 * else (a page opened directly, from a notification or a reload) home.
 */
export function PageBar(props: { back?: string | -1; children: ReactNode; right?: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => {
    if (typeof props.back === 'string') return navigate(props.back);
    // react-router marks the first entry of the app's history with the key 'default'.
    return location.key !== 'default' ? navigate(-1) : navigate('/');
  };
  return (
    <NavBar
      data-testid="page-bar"
      onBack={goBack}
      right={props.right}
      style={{ background: '#fff', borderRadius: 8, marginBottom: 12 }}
    >
      {props.children}
    </NavBar>
  );
}
