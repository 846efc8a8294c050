import { forbidden } from '../errors';
import type { SessionUser } from '../auth/auth.types';

/** Only an organisation's admins manage its webhooks (and read their delivery log); returns the org id. */
export function assertCanManageWebhooks(user: SessionUser): string {
  if (!user.orgId || !user.roles.includes('org-admin'))
    throw forbidden('Only an administrator of an organisation can manage its webhooks / 只有机构管理员可以管理 Webhook', 'not_org_admin');
  return user.orgId;
}
