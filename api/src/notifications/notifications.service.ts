import { Types } from 'mongoose';
import { countWhere, findPage, updateByIds } from '../store/store';
import { Notification, type NotificationKind } from './notification.model';
import { presentNotification } from './notifications.presenter';

type NotificationRow = Parameters<typeof presentNotification>[0];

export interface NotificationInput {
  kind: NotificationKind;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link?: string;
  data?: Record<string, unknown>;
}

/** Pushes an event to a user's sockets; set by the realtime layer when it starts. */
export type Pusher = (userId: string, event: string, payload: unknown) => void;
let pusher: Pusher = () => undefined;

/** The realtime layer registers how to reach a user's sockets (room `user:<id>`). */
export function setNotificationPusher(p: Pusher): void {
  pusher = p;
}

/** Stores one notification per user, then pushes it (never before it is stored). */
export async function notifyUsers(userIds: readonly string[], input: NotificationInput): Promise<void> {
  const unique = [...new Set(userIds.map(String))];
  if (!unique.length) return;
  const docs = await Notification.insertMany(
    unique.map((user) => ({ user, kind: input.kind, title: input.title, body: input.body, link: input.link ?? null, data: input.data ?? {} })),
  );
  for (const d of docs) {
    const userId = String(d.user);
    pusher(userId, 'notification:created', { notification: presentNotification(d.toObject()), unread: await unreadCount(userId) });
  }
}

/** Unread notifications of a user. */
export function unreadCount(userId: string): Promise<number> {
  return countWhere(Notification as never, { user: userId, readAt: null });
}

/** A page of a user's notifications, newest first, with the unread count. */
export async function listNotifications(userId: string, q: { unread?: boolean; page: number; pageSize: number }) {
  const filter: Record<string, unknown> = { user: userId };
  if (q.unread) filter.readAt = null;
  const [items, total, unread] = await Promise.all([
    findPage<NotificationRow>(Notification as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(Notification as never, filter),
    unreadCount(userId),
  ]);
  return { items: items.map(presentNotification), total, unread, page: q.page, pageSize: q.pageSize };
}

/** Marks some (only the user's own) or all notifications read; returns the new unread count. */
export async function markRead(userId: string, input: { ids?: string[]; all?: true }) {
  const filter = { user: userId, readAt: null };
  const update = { $set: { readAt: new Date() } };
  const updated = input.all
    ? (await Notification.updateMany(filter, update)).modifiedCount
    : await updateByIds(Notification as never, (input.ids ?? []).map((id) => new Types.ObjectId(id)), filter, update);
  const unread = await unreadCount(userId);
  pusher(userId, 'notification:read', { unread });
  return { updated, unread };
}
