import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

/**
 * The white title bar on top of a detail or form page, its back arrow going to the given page
 * (or one step back in history with -1): one look for every page the field app drills into.
 */
export function PageBar(props: { back: string | -1; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <NavBar
      onBack={() => (props.back === -1 ? navigate(-1) : navigate(props.back))}
      style={{ background: '#fff', borderRadius: 8, marginBottom: 12 }}
    >
      {props.children}
    </NavBar>
  );
}
