import { Types } from 'mongoose';
import { User } from '../auth/user.model';
import { notifyUsers, type NotificationInput } from '../notifications/notifications.service';

/**
 * Notifies the members of an organisation (only its admins with `admins: true`), after the change
 * it announces is stored. Best effort: a failed notification never undoes the change.
 */
export async function notifyOrgMembers(orgId: unknown, input: NotificationInput, opts: { admins?: boolean } = {}): Promise<void> {
  try {
    const filter: Record<string, unknown> = { org: new Types.ObjectId(String(orgId)) };
    if (opts.admins) filter.roles = 'org-admin';
    const members = await User.find(filter).select('_id').lean();
    await notifyUsers(members.map((m) => String(m._id)), input);
  } catch {
    // The change is stored; the notification is not worth failing it for.
  }
}
