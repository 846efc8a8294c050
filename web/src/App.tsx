import { lazy, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { RequireAuth } from './components/RequireAuth';
import Search from './pages/Search';

// Every page but the home page is its own chunk, so the first visit downloads only what it shows.
// Each lazy page comes with Ant Design — its scope (theme, locale, CSP nonce) and App shell (message/modal
// hooks, date locale); the home page is drawn without it.
const page = (load: () => Promise<{ default: ComponentType }>) =>
  lazy(() => Promise.all([load(), import('./components/AntAppShell')]).then(([m, shell]) => ({ default: shell.withAntApp(m.default) })));

const Login = page(() => import('./pages/Login'));
const SignUp = page(() => import('./pages/SignUp'));
const VerifyEmail = page(() => import('./pages/VerifyEmail'));
const DevOutbox = page(() => import('./pages/DevOutbox'));
const Welcome = page(() => import('./pages/Welcome'));
const AdminOrgs = page(() => import('./pages/AdminOrgs'));
const AdminReports = page(() => import('./pages/AdminReports'));
const Invitations = page(() => import('./pages/Invitations'));
const OrgRequests = page(() => import('./pages/OrgRequests'));
const ApiKeys = page(() => import('./pages/ApiKeys'));
const NotFound = page(() => import('./pages/NotFound'));
const AchievementPage = page(() => import('./pages/AchievementPage'));
const AchievementEdit = page(() => import('./pages/AchievementEdit'));
const DemandPage = page(() => import('./pages/DemandPage'));
const DemandEdit = page(() => import('./pages/DemandEdit'));
const MyListings = page(() => import('./pages/MyListings'));
const Deals = page(() => import('./pages/Deals'));
const Broker = page(() => import('./pages/Broker'));
const ImportAchievements = page(() => import('./pages/ImportAchievements'));
const Matches = page(() => import('./pages/Matches'));
const MatchPage = page(() => import('./pages/MatchPage'));
const DealRoom = page(() => import('./pages/DealRoom'));
const TestCheckout = page(() => import('./pages/TestCheckout'));
const OrgVerification = page(() => import('./pages/OrgVerification'));
const OrgDirectory = page(() => import('./pages/OrgDirectory'));
const OrgProfile = page(() => import('./pages/OrgProfile'));
const AdminIndicators = page(() => import('./pages/AdminIndicators'));
const PublicIndicators = page(() => import('./pages/PublicIndicators'));
const AgencyCommission = page(() => import('./pages/AgencyCommission'));
const OrgWebhooks = page(() => import('./pages/OrgWebhooks'));
const Alerts = page(() => import('./pages/Alerts'));
const Notifications = page(() => import('./pages/Notifications'));

/** The route table. */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Search kind="achievements" />} />
        <Route path="demands" element={<Search kind="demands" />} />
        <Route path="login" element={<Login />} />
        <Route path="signup" element={<SignUp />} />
        <Route path="invite/:token" element={<SignUp />} />
        <Route path="verify-email" element={<VerifyEmail />} />
        {/* The API serves the outbox outside production only; elsewhere the page shows its 404. */}
        <Route path="dev/outbox" element={<DevOutbox />} />
        <Route
          path="welcome"
          element={
            <RequireAuth>
              <Welcome />
            </RequireAuth>
          }
        />
        <Route
          path="admin/orgs"
          element={
            <RequireAuth role="platform-admin">
              <AdminOrgs />
            </RequireAuth>
          }
        />
        <Route
          path="admin/reports"
          element={
            <RequireAuth role="platform-admin">
              <AdminReports />
            </RequireAuth>
          }
        />
        <Route
          path="admin/indicators"
          element={
            <RequireAuth role="platform-admin">
              <AdminIndicators />
            </RequireAuth>
          }
        />
        <Route path="indicators" element={<PublicIndicators />} />
        <Route
          path="org/commission"
          element={
            <RequireAuth role="org-admin">
              <AgencyCommission />
            </RequireAuth>
          }
        />
        <Route
          path="broker"
          element={
            <RequireAuth role="broker">
              <Broker />
            </RequireAuth>
          }
        />
        <Route
          path="org/requests"
          element={
            <RequireAuth role="org-admin">
              <OrgRequests />
            </RequireAuth>
          }
        />
        <Route
          path="org/webhooks"
          element={
            <RequireAuth role="org-admin">
              <OrgWebhooks />
            </RequireAuth>
          }
        />
        <Route
          path="alerts"
          element={
            <RequireAuth>
              <Alerts />
            </RequireAuth>
          }
        />
        <Route
          path="org/api-keys"
          element={
            <RequireAuth role="org-admin">
              <ApiKeys />
            </RequireAuth>
          }
        />
        <Route
          path="org/invitations"
          element={
            <RequireAuth role="org-admin">
              <Invitations />
            </RequireAuth>
          }
        />
        <Route path="orgs" element={<OrgDirectory />} />
        <Route path="orgs/:id" element={<OrgProfile />} />
        <Route
          path="org/verification"
          element={
            <RequireAuth role="org-admin">
              <OrgVerification />
            </RequireAuth>
          }
        />
        <Route path="achievements/:id" element={<AchievementPage />} />
        <Route path="demands/:id" element={<DemandPage />} />
        {(
          [
            ['achievements/new', <AchievementEdit key="a-new" />],
            ['achievements/import', <ImportAchievements key="a-import" />],
            ['achievements/:id/edit', <AchievementEdit key="a-edit" />],
            ['demands/new', <DemandEdit key="d-new" />],
            ['demands/:id/edit', <DemandEdit key="d-edit" />],
            ['my', <MyListings key="my" />],
            ['deals', <Deals key="deals" />],
            ['matches', <Matches key="matches" />],
            ['notifications', <Notifications key="notifications" />],
            ['matches/:id', <MatchPage key="match" />],
            ['interests/:id', <Navigate key="interest" to="/matches?tab=received" replace />],
            ['deals/:id', <DealRoom key="deal" />],
            ['pay/:dealId/:itemId', <TestCheckout key="pay" />],
          ] as const
        ).map(([path, page]) => (
          <Route key={path} path={path} element={<RequireAuth>{page}</RequireAuth>} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
