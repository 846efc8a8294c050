import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Avatar, Button, Drawer, Dropdown, Grid, Input, Layout, Menu, Space, type MenuProps } from 'antd';
import { MenuOutlined, UserOutlined, DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useLang } from '../lib/hooks';
import { pick } from '../lib/format';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { ErrorBoundary, PageLoading } from './States';
import { Logo } from './Logo';
import { LinkButton } from './LinkButton';

const { Header, Content, Footer } = Layout;

type NavItem = { key: string; label: string; children?: NavItem[] };

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

  const nav = useMemo<NavItem[]>(() => {
    const items: NavItem[] = [
      { key: '/', label: t('nav.achievements') },
      { key: '/demands', label: t('nav.demands') },
    ];
    if (user) {
      const post: NavItem[] = [];
      const kind = org?.kind;
      if (!kind || kind !== 'enterprise') {
        post.push({ key: '/achievements/new', label: t('nav.postAchievement') });
        post.push({ key: '/achievements/import', label: t('nav.importAchievements') });
      }
      if (!kind || kind === 'enterprise' || kind === 'agency') post.push({ key: '/demands/new', label: t('nav.postDemand') });
      if (org) items.push({ key: 'post', label: t('nav.post'), children: post });
      if (org) items.push({ key: '/my', label: t('nav.myListings') });
      items.push({ key: '/matches', label: t('nav.matches') });
      items.push({ key: '/deals', label: t('nav.deals') });
      if (hasRole('broker')) items.push({ key: '/broker', label: t('nav.broker') });
      if (hasRole('platform-admin')) items.push({ key: '/admin/orgs', label: t('nav.adminOrgs') });
    }
    return items;
  }, [t, user, org, hasRole]);

  const selected = useMemo(() => {
    const flat = nav.flatMap((n) => (n.children ? n.children : [n]));
    const hit = flat
      .filter((n) => n.key === loc.pathname || (n.key !== '/' && loc.pathname.startsWith(n.key + '/')))
      .sort((a, b) => b.key.length - a.key.length)[0];
    return hit ? [hit.key] : [];
  }, [nav, loc.pathname]);

  const go: MenuProps['onClick'] = ({ key }) => {
    setDrawer(false);
    if (key.startsWith('/')) navigate(key);
  };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        label: (
          <span className="tb-user-who">
            <span className="tb-strong">{user?.name}</span>
            <br />
            {org ? pick(org.name, lang) : user?.email}
          </span>
        ),
        disabled: true,
      },
      ...(hasRole('org-admin') ? [{ key: '/org/invitations', label: t('nav.invitations') }] : []),
      { type: 'divider' as const },
      { key: 'logout', label: t('nav.logout'), danger: true },
    ],
    onClick: async ({ key }) => {
      if (key === 'logout') {
        await logout().catch(() => undefined);
        navigate('/');
      } else if (key.startsWith('/')) navigate(key);
    },
  };

  const onHome = loc.pathname === '/' || loc.pathname === '/demands';

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
            <Menu
              mode="horizontal"
              selectedKeys={selected}
              onClick={go}
              items={nav.map((n) => ({ key: n.key, label: n.label, children: n.children?.map((c) => ({ key: c.key, label: c.label })) }))}
              style={{ borderBottom: 'none', minWidth: 0, flex: 1 }}
            />
          </nav>
        )}
        <div className="tb-header-right">
          {screens.xxl && !onHome && (
            <Input.Search
              className="tb-header-search"
              aria-label={t('search.placeholder')}
              placeholder={t('search.placeholderShort')}
              allowClear
              onSearch={(q) => navigate(q ? `/?q=${encodeURIComponent(q)}` : '/')}
            />
          )}
          <LanguageSwitch />
          {user && <NotificationBell />}
          {user ? (
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" className="tb-user-btn" aria-label={t('nav.userMenu', { name: user.name })} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1656d8' }} />
                {wide && <span className="tb-user-name">{user.name}</span>}
                {wide && <DownOutlined style={{ fontSize: 10 }} />}
              </Button>
            </Dropdown>
          ) : (
            wide && (
              <Space size={8}>
                <LinkButton to="/login" type="text">
                  {t('nav.login')}
                </LinkButton>
                <LinkButton to="/signup" type="primary">
                  {t('nav.signup')}
                </LinkButton>
              </Space>
            )
          )}
          {!wide && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawer(true)} />}
        </div>
      </Header>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="right" size={280} title={t('app.name')}>
        <Menu
          mode="inline"
          selectedKeys={selected}
          onClick={go}
          items={nav.map((n) => ({ key: n.key, label: n.label, children: n.children?.map((c) => ({ key: c.key, label: c.label })) }))}
        />
        {!user && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
            <Button block onClick={() => go({ key: '/login' } as never)}>
              {t('nav.login')}
            </Button>
            <Button block type="primary" onClick={() => go({ key: '/signup' } as never)}>
              {t('nav.signup')}
            </Button>
          </Space>
        )}
      </Drawer>
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
          <Alert type="info" showIcon banner title={t('org.pendingVerification')} data-testid="unverified-banner" />
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
      </Footer>
    </Layout>
  );
}
