import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import type { Role } from '../api/types';
import { ErrorState, PageLoading, StateBlock } from './States';

/** Renders children for a signed-in user (with `role` if given); sends others to the login page. */
export function RequireAuth({ children, role }: { children: ReactNode; role?: Role | Role[] }) {
  const { user, loading, error, refresh } = useAuth();
  const { t } = useTranslation();
  const loc = useLocation();
  if (loading) return <PageLoading />;
  if (error && !user) return <ErrorState error={error} onRetry={() => void refresh()} />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  const roles = role ? (Array.isArray(role) ? role : [role]) : [];
  if (roles.length && !roles.some((r) => user.roles.includes(r))) {
    return <StateBlock tone="forbidden" title={t('errors.forbiddenTitle')} text={t('errors.forbidden')} />;
  }
  return <>{children}</>;
}
