import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

// Per-page document titles (zh/en): the layout names every route from the table below; a page that
// knows better (a listing's or an organisation's name) overrides it for its own path.

const ROUTES: [RegExp, string][] = [
  [/^\/$/, 'nav.achievements'],
  [/^\/demands$/, 'nav.demands'],
  [/^\/login$/, 'nav.login'],
  [/^\/signup$/, 'nav.signup'],
  [/^\/invite\//, 'auth.inviteTitle'],
  [/^\/verify-email$/, 'titles.verifyEmail'],
  [/^\/dev\/outbox$/, 'titles.outbox'],
  [/^\/welcome$/, 'titles.welcome'],
  [/^\/admin\/orgs$/, 'nav.adminOrgs'],
  [/^\/broker$/, 'nav.broker'],
  [/^\/org\/requests$/, 'nav.orgRequests'],
  [/^\/org\/invitations$/, 'nav.invitations'],
  [/^\/org\/api-keys$/, 'nav.apiKeys'],
  [/^\/org\/verification$/, 'verification.title'],
  [/^\/orgs$/, 'directory.title'],
  [/^\/orgs\/[^/]+$/, 'titles.org'],
  [/^\/achievements\/new$/, 'nav.postAchievement'],
  [/^\/achievements\/import$/, 'nav.importAchievements'],
  [/^\/achievements\/[^/]+\/edit$/, 'titles.editAchievement'],
  [/^\/achievements\/[^/]+$/, 'titles.achievement'],
  [/^\/demands\/new$/, 'nav.postDemand'],
  [/^\/demands\/[^/]+\/edit$/, 'titles.editDemand'],
  [/^\/demands\/[^/]+$/, 'titles.demand'],
  [/^\/my$/, 'nav.myListings'],
  [/^\/deals$/, 'nav.deals'],
  [/^\/deals\/[^/]+$/, 'titles.dealRoom'],
  [/^\/matches$/, 'nav.matches'],
  [/^\/matches\/[^/]+$/, 'titles.match'],
  [/^\/pay\//, 'titles.pay'],
  [/^\/notifications$/, 'titles.notifications'],
];

/** Every key the route table names (a unit test checks both locales have them). */
export const ROUTE_TITLE_KEYS = [...ROUTES.map(([, k]) => k), 'titles.notFound'];

/** The locale key naming a path (the 404 page's for a path no route serves). */
export function routeTitleKey(pathname: string): string {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return ROUTES.find(([re]) => re.test(path))?.[1] ?? 'titles.notFound';
}

let override: { path: string; title: string } | null = null;

const compose = (title: string, brand: string) => (title ? `${title} · ${brand}` : brand);

/** The layout's part: every route gets its own title, unless its page set a more precise one. */
export function useRouteTitle(): void {
  const { pathname } = useLocation();
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (override?.path === pathname) return;
    document.title = compose(t(routeTitleKey(pathname)), t('app.name'));
  }, [pathname, t, i18n.language]);
}

/** A page's own title (a listing's name once loaded); ignored while `title` is empty. */
export function usePageTitle(title: string | null | undefined): void {
  const { pathname } = useLocation();
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (!title) return;
    override = { path: pathname, title };
    document.title = compose(title, t('app.name'));
    return () => {
      if (override?.path === pathname) override = null;
    };
  }, [title, pathname, t, i18n.language]);
}
