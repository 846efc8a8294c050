import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { appBus } from '../events/bus';
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

const push = (userId: string, event: string, payload: unknown) => appBus.emit('push:user', { userId, event, payload });

/**
 * The id of the notification an event makes for a user: the same (event, user) always gives the
 * same id, so a re-run of the event's effects stores nothing twice (lists sort by `createdAt`
 * first, so these ids carry no time).
 */
const keyedId = (key: string, userId: string) => new Types.ObjectId(createHash('sha256').update(`${key}\u0000${userId}`).digest().subarray(0, 12));

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Stores one notification per user, then pushes it (never before it is stored). With `key` (the
 * id of the event it announces) it is stored once per user and key: a repeat stores and pushes
 * nothing for users who already have it.
 */
export async function notifyUsers(userIds: readonly string[], input: NotificationInput, opts: { key?: string } = {}): Promise<void> {
  const unique = [...new Set(userIds.map(String))];
  if (!unique.length) return;
  const rows = unique.map((user) => ({
    ...(opts.key ? { _id: keyedId(opts.key, user) } : {}),
    user,
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link ?? null,
    data: input.data ?? {},
  }));
  let docs;
  try {
    docs = await Notification.insertMany(rows, { ordered: false });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    docs = ((err as { insertedDocs?: typeof docs }).insertedDocs ?? []);
  }
  for (const d of docs) {
    const userId = String(d.user);
    push(userId, 'notification:created', { notification: presentNotification(d.toObject()), unread: await unreadCount(userId) });
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
  push(userId, 'notification:read', { unread });
  return { updated, unread };
}
