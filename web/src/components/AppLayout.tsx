import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useRouteTitle } from '../lib/title';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Avatar, Button, Grid, Layout, Popover } from 'antd';
import SearchInput from 'antd/es/input/Search';
import { BellOutlined, DownOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useLang } from '../lib/hooks';
import { pick } from '../lib/format';
import { resetRealtime } from '../lib/realtime';
import { LanguageSwitch } from './LanguageSwitch';
import { ErrorBoundary, PageLoading } from './States';
import { Logo } from './Logo';
import { LinkButton } from './LinkButton';

// Only signed-in users and phones need these: they load on demand.
const NotificationBell = lazy(() => import('./NotificationBell'));
const MobileNav = lazy(() => import('./MobileNav'));

const { Header, Content, Footer } = Layout;

export interface NavItem {
  key: string;
  label: string;
  children?: NavItem[];
}

/** A popover whose panel sits right after its trigger in the DOM, so Tab moves into it naturally. */
function InlinePopover({ content, children, label }: { content: ReactNode; children: ReactNode; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      content={<div onClick={() => setOpen(false)}>{content}</div>}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      getPopupContainer={(node) => node.parentElement ?? document.body}
      aria-label={label}
    >
      {children}
    </Popover>
  );
}

/** Header (logo, navigation, search, language, bell, user menu), page and footer. */
export function AppLayout() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user, org, error, refresh, logout, hasRole } = useAuth();
  const loc = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
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

  return (
    <Layout className="tb-layout">
      <a href="#main" className="tb-skip">
        {t('nav.skip')}
      </a>
      <Header className="tb-header">
        <Link to="/" className="tb-logo" aria-label={t('app.name')}>
          <Logo />
          <span className="tb-logo-zh">{t('app.brandZh')}</span>
          <span className="tb-logo-en">{t('app.brandEn')}</span>
        </Link>
        {wide && (
          <nav className="tb-nav" aria-label={t('nav.main')}>
            <ul>
              {nav.map((n) =>
                n.children ? (
                  <li key={n.key}>
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
                      <button type="button" className={postActive ? 'tb-nav-link active' : 'tb-nav-link'} aria-haspopup="true">
                        {n.label} <DownOutlined style={{ fontSize: 10 }} />
                      </button>
                    </InlinePopover>
                  </li>
                ) : (
                  <li key={n.key}>
                    <NavLink to={n.key} end={n.key === '/'} className={({ isActive }) => (isActive ? 'tb-nav-link active' : 'tb-nav-link')}>
                      {n.label}
                    </NavLink>
                  </li>
                ),
              )}
            </ul>
          </nav>
        )}
        <div className="tb-header-right">
          {screens.xxl && !onHome && (
            <SearchInput
              className="tb-header-search"
              aria-label={t('search.placeholder')}
              placeholder={t('search.placeholderShort')}
              allowClear
              onSearch={(q) => navigate(q ? `/?q=${encodeURIComponent(q)}` : '/')}
            />
          )}
          <LanguageSwitch />
          {user && (
            <Suspense fallback={<Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('notifications.title')} disabled />}>
              <NotificationBell />
            </Suspense>
          )}
          {user ? (
            <InlinePopover label={t('nav.userMenu', { name: user.name })} content={userPanel}>
              <Button type="text" className="tb-user-btn" aria-label={t('nav.userMenu', { name: user.name })} aria-haspopup="true" data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1656d8' }} />
                {wide && <span className="tb-user-name">{user.name}</span>}
                {wide && <DownOutlined style={{ fontSize: 10 }} />}
              </Button>
            </InlinePopover>
          ) : (
            wide && (
              <>
                <LinkButton to="/login" type="text">
                  {t('nav.login')}
                </LinkButton>
                <LinkButton to="/signup" type="primary">
                  {t('nav.signup')}
                </LinkButton>
              </>
            )
          )}
          {!wide && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} aria-expanded={drawer} onClick={() => setDrawer(true)} />}
        </div>
      </Header>
      {drawer && (
        <Suspense fallback={null}>
          <MobileNav nav={nav} open={drawer} onClose={() => setDrawer(false)} signedIn={!!user} />
        </Suspense>
      )}
      <Content id="main" className="tb-content" tabIndex={-1}>
        {error && (
          <Alert
            type="error"
            showIcon
            banner
            title={t('errors.sessionCheck')}
            action={
              <Button size="small" onClick={() => void refresh()}>
                {t('common.retry')}
              </Button>
            }
          />
        )}
        {user && org && !org.verified && (
          <Alert
            type="info"
            showIcon
            banner
            title={t('org.pendingVerification')}
            data-testid="unverified-banner"
            action={
              hasRole('org-admin') && loc.pathname !== '/org/verification' ? (
                <Link to="/org/verification" className="tb-banner-link">
                  {t('verification.open')}
                </Link>
              ) : undefined
            }
          />
        )}
        <div className="tb-container">
          <ErrorBoundary resetKey={loc.pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </div>
      </Content>
      <Footer className="tb-footer">
        <div>{t('app.footer')}</div>
        <div>
          <Link to="/orgs">{t('nav.orgs')}</Link>
        </div>
        <Link to="/indicators" className="tb-footer-link">
          {t('nav.publicIndicators')}
        </Link>
      </Footer>
    </Layout>
  );
}
