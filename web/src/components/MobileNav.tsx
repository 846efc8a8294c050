import { Drawer } from 'antd';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { NavItem } from './AppLayout';

/** The phone navigation: every link of the header in a drawer. */
export default function MobileNav({ nav, open, onClose, signedIn }: { nav: NavItem[]; open: boolean; onClose: () => void; signedIn: boolean }) {
  const { t } = useTranslation();
  const flat = nav.flatMap((n) => n.children ?? [n]);
  const extra = signedIn ? [] : [
    { key: '/login', label: t('nav.login') },
    { key: '/signup', label: t('nav.signup') },
  ];
  return (
    <Drawer open={open} onClose={onClose} placement="right" size={280} title={t('app.name')}>
      <nav aria-label={t('nav.main')}>
        <ul className="tb-mobile-nav">
          {[...flat, ...extra].map((n) => (
            <li key={n.key}>
              <NavLink to={n.key} end={n.key === '/'} onClick={onClose} className={({ isActive }) => (isActive ? 'active' : '')}>
                {n.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </Drawer>
  );
}
