import type { NotificationRecord } from './notification.model';

/** What a user sees of a notification. */
export function presentNotification(n: NotificationRecord & { _id: unknown }) {
  return {
    id: String(n._id),
    kind: n.kind,
    title: { zh: n.title?.zh ?? '', en: n.title?.en ?? '' },
    body: { zh: n.body?.zh ?? '', en: n.body?.en ?? '' },
    link: n.link ?? null,
    data: n.data ?? {},
    read: !!n.readAt,
    createdAt: n.createdAt,
  };
}
