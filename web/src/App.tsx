import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
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
          path="org/invitations"
          element={
            <RequireAuth role="org-admin">
              <Invitations />
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
