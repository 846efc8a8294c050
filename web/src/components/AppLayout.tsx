import { Suspense, useMemo, useState } from 'react';
import { useRouteTitle } from '../lib/title';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import BellOutlined from '@ant-design/icons-svg/es/asn/BellOutlined';
import DownOutlined from '@ant-design/icons-svg/es/asn/DownOutlined';
import MenuOutlined from '@ant-design/icons-svg/es/asn/MenuOutlined';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useLang } from '../lib/hooks';
import { pick } from '../lib/format';
import { resetRealtime } from '../lib/realtime';
import { LanguageSwitch } from './LanguageSwitch';
import { ErrorBoundary, PageLoading } from './States';
import { Logo } from './Logo';
import { Btn, Icon, LG, LinkBtn, useMedia, XXL } from './plain';
import { antLazy } from './antLazy';

// Only signed-in users, phones and other pages need these: they load on demand, with Ant Design.
const NotificationBell = antLazy(() => import('./NotificationBell').then((m) => m.default));
const MobileNav = antLazy(() => import('./MobileNav').then((m) => m.default));
const parts = () => import('./HeaderParts');
const InlinePopover = antLazy(() => parts().then((m) => m.InlinePopover));
const UserMenu = antLazy(() => parts().then((m) => m.UserMenu));
const HeaderSearch = antLazy(() => parts().then((m) => m.HeaderSearch));
const Banner = antLazy(() => parts().then((m) => m.Banner));

export interface NavItem {
  key: string;
  label: string;
  children?: NavItem[];
}

/** Header (logo, navigation, search, language, bell, user menu), page and footer. */
export function AppLayout() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user, org, error, refresh, logout, hasRole } = useAuth();
  const loc = useLocation();
  const navigate = useNavigate();
  const wide = useMedia(LG);
  const xxl = useMedia(XXL);
  const [drawer, setDrawer] = useState(false);
  useRouteTitle();

  const nav = useMemo<NavItem[]>(() => {
    const items: NavItem[] = [
      { key: '/', label: t('nav.achievements') },
      { key: '/demands', label: t('nav.demands') },
      { key: '/orgs', label: t('nav.orgs') },
    ];
    if (user) {
      const post: NavItem[] = [];
      const kind = org?.kind;
      if (kind !== 'enterprise') {
        post.push({ key: '/achievements/new', label: t('nav.postAchievement') });
        post.push({ key: '/achievements/import', label: t('nav.importAchievements') });
      }
      if (!kind || kind === 'enterprise' || kind === 'agency') post.push({ key: '/demands/new', label: t('nav.postDemand') });
      if (org) items.push({ key: 'post', label: t('nav.post'), children: post });
      if (org) items.push({ key: '/my', label: t('nav.myListings') });
      items.push({ key: '/matches', label: t('nav.matches') });
      items.push({ key: '/deals', label: t('nav.deals') });
      if (hasRole('broker')) items.push({ key: '/broker', label: t('nav.broker') });
      if (hasRole('platform-admin')) items.push({ key: '/admin/orgs', label: t('nav.adminOrgs') }, { key: '/admin/reports', label: t('nav.adminReports') });
      if (hasRole('platform-admin')) items.push({ key: '/admin/indicators', label: t('nav.adminIndicators') });
    }
    return items;
  }, [t, user, org, hasRole]);

  const doLogout = async () => {
    await logout().catch(() => undefined);
    resetRealtime();
    navigate('/');
  };

  const onHome = loc.pathname === '/' || loc.pathname === '/demands';
  const postActive = nav.find((n) => n.key === 'post')?.children?.some((c) => loc.pathname === c.key);

  const userPanel = (
    <div className="tb-menu-panel" data-testid="user-panel">
      <div className="tb-user-who">
        <div className="tb-strong">{user?.name}</div>
        <div>{org ? pick(org.name, lang) : user?.email}</div>
      </div>
      <ul className="tb-menu-list">
        {hasRole('org-admin') && (
          <li>
            <Link to="/org/verification">{t('nav.verification')}</Link>
          </li>
        )}
        {org && (
          <li>
            <Link to={`/orgs/${org.id}`}>{t('nav.orgProfile')}</Link>
          </li>
        )}
        {hasRole('org-admin') && (
          <li>
            <Link to="/org/invitations">{t('nav.invitations')}</Link>
          </li>
        )}
        {hasRole('org-admin') && (
          <li>
            <Link to="/org/api-keys">{t('nav.apiKeys')}</Link>
          </li>
        )}
        {hasRole('org-admin') && (
          <li>
            <Link to="/org/requests">{t('nav.orgRequests')}</Link>
          </li>
        )}
        {hasRole('org-admin') && (
          <li>
            <Link to="/org/webhooks">{t('nav.webhooks')}</Link>
          </li>
        )}
        <li>
          <Link to="/alerts">{t('nav.alerts')}</Link>
        </li>
        {hasRole('org-admin') && org?.kind === 'agency' && (
          <li>
            <Link to="/org/commission">{t('nav.commission')}</Link>
          </li>
        )}
        <li>
          <button type="button" className="tb-menu-danger" onClick={() => void doLogout()}>
            {t('nav.logout')}
          </button>
        </li>
      </ul>
    </div>
  );

  const userLabel = user ? t('nav.userMenu', { name: user.name }) : '';
  return (
    <div className="tb-layout">
      <a href="#main" className="tb-skip">
        {t('nav.skip')}
      </a>
      <header className="tb-header">
        <Link to="/" className="tb-logo" aria-label={t('app.name')}>
          <Logo />
          <span className="tb-logo-zh">{t('app.brandZh')}</span>
          <span className="tb-logo-en">{t('app.brandEn')}</span>
        </Link>
        {wide && (
          <nav className="tb-nav" aria-label={t('nav.main')}>
            <ul>
              {nav.map((n) => {
                if (!n.children) {
                  return (
                    <li key={n.key}>
                      <NavLink to={n.key} end={n.key === '/'} className={({ isActive }) => (isActive ? 'tb-nav-link active' : 'tb-nav-link')}>
                        {n.label}
                      </NavLink>
                    </li>
                  );
                }
                const trigger = (
                  <button type="button" className={postActive ? 'tb-nav-link active' : 'tb-nav-link'} aria-haspopup="true">
                    {n.label} <Icon def={DownOutlined} style={{ fontSize: 10 }} />
                  </button>
                );
                return (
                  <li key={n.key}>
                    <Suspense fallback={trigger}>
                      <InlinePopover
                        label={n.label}
                        content={
                          <ul className="tb-menu-list">
                            {n.children.map((c) => (
                              <li key={c.key}>
                                <Link to={c.key}>{c.label}</Link>
                              </li>
                            ))}
                          </ul>
                        }
                      >
                        {trigger}
                      </InlinePopover>
                    </Suspense>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
        <div className="tb-header-right">
          {xxl && !onHome && (
            <Suspense fallback={null}>
              <HeaderSearch
                label={t('search.placeholder')}
                placeholder={t('search.placeholderShort')}
                onSearch={(q) => navigate(q ? `/?q=${encodeURIComponent(q)}` : '/')}
              />
            </Suspense>
          )}
          <LanguageSwitch />
          {user && (
            <Suspense fallback={<Btn kind="text" icon={<Icon def={BellOutlined} style={{ fontSize: 18 }} />} aria-label={t('notifications.title')} disabled />}>
              <NotificationBell />
            </Suspense>
          )}
          {user ? (
            <Suspense fallback={null}>
              <UserMenu label={userLabel} name={user.name} wide={wide} panel={userPanel} />
            </Suspense>
          ) : (
            wide && (
              <>
                <LinkBtn to="/login" kind="text">
                  {t('nav.login')}
                </LinkBtn>
                <LinkBtn to="/signup" kind="primary">
                  {t('nav.signup')}
                </LinkBtn>
              </>
            )
          )}
          {!wide && <Btn kind="text" icon={<Icon def={MenuOutlined} />} aria-label={t('nav.openMenu')} aria-expanded={drawer} onClick={() => setDrawer(true)} />}
        </div>
      </header>
      {drawer && (
        <Suspense fallback={null}>
          <MobileNav nav={nav} open={drawer} onClose={() => setDrawer(false)} signedIn={!!user} />
        </Suspense>
      )}
      <main id="main" className="tb-content" tabIndex={-1}>
        {error && (
          <Suspense fallback={null}>
            <Banner type="error" title={t('errors.sessionCheck')} retry={{ label: t('common.retry'), onClick: () => void refresh() }} />
          </Suspense>
        )}
        {user && org && !org.verified && (
          <Suspense fallback={null}>
            <Banner
              type="info"
              title={t('org.pendingVerification')}
              testId="unverified-banner"
              action={
                hasRole('org-admin') && loc.pathname !== '/org/verification' ? (
                  <Link to="/org/verification" className="tb-banner-link">
                    {t('verification.open')}
                  </Link>
                ) : undefined
              }
            />
          </Suspense>
        )}
        <div className="tb-container">
          <ErrorBoundary resetKey={loc.pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </div>
      </main>
      <footer className="tb-footer">
        <div>{t('app.footer')}</div>
        <div>
          <Link to="/orgs">{t('nav.orgs')}</Link>
        </div>
        <Link to="/indicators" className="tb-footer-link">
          {t('nav.publicIndicators')}
        </Link>
      </footer>
    </div>
  );
}
