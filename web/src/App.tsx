import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { RequireAuth } from './components/RequireAuth';
import Search from './pages/Search';

// Every page but the home page is its own chunk, so the first visit downloads only what it shows.
const Login = lazy(() => import('./pages/Login'));
const SignUp = lazy(() => import('./pages/SignUp'));
const Welcome = lazy(() => import('./pages/Welcome'));
const AdminOrgs = lazy(() => import('./pages/AdminOrgs'));
const Invitations = lazy(() => import('./pages/Invitations'));
const NotFound = lazy(() => import('./pages/NotFound'));
const AchievementPage = lazy(() => import('./pages/AchievementPage'));
const AchievementEdit = lazy(() => import('./pages/AchievementEdit'));
const DemandPage = lazy(() => import('./pages/DemandPage'));
const DemandEdit = lazy(() => import('./pages/DemandEdit'));
const MyListings = lazy(() => import('./pages/MyListings'));
const Deals = lazy(() => import('./pages/Deals'));
const Broker = lazy(() => import('./pages/Broker'));
const ImportAchievements = lazy(() => import('./pages/ImportAchievements'));
const Matches = lazy(() => import('./pages/Matches'));
const MatchPage = lazy(() => import('./pages/MatchPage'));
const DealRoom = lazy(() => import('./pages/DealRoom'));

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
          path="broker"
          element={
            <RequireAuth role="broker">
              <Broker />
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
            ['matches/:id', <MatchPage key="match" />],
            ['interests/:id', <Navigate key="interest" to="/matches?tab=received" replace />],
            ['deals/:id', <DealRoom key="deal" />],
          ] as const
        ).map(([path, page]) => (
          <Route key={path} path={path} element={<RequireAuth>{page}</RequireAuth>} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
