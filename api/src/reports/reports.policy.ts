import { forbidden } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';

/** Annual reports — requesting them, following them, downloading them — are for platform admins. */
export function assertReportsAdmin(user: SessionUser): void {
  if (!isPlatformAdmin(user)) throw forbidden('Only a platform administrator requests and reads annual reports', 'not_platform_admin');
}
