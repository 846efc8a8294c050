import { Router } from 'express';
import { currentUser, requireUser } from '../http/auth';
import { validate, valid } from '../http/validate';
import { NotificationListQuery, MarkReadInput } from './notifications.schemas';
import { listNotifications, markRead, unreadCount } from './notifications.service';

/** A user's own notifications; there is no way to name another user's. */
export function notificationRoutes(): Router {
  const r = Router();
  r.get('/notifications', requireUser, validate({ query: NotificationListQuery }), async (req, res) => {
    res.json(await listNotifications(currentUser(req).id, valid(req, 'query')));
  });
  r.get('/notifications/unread-count', requireUser, async (req, res) => {
    res.json({ unread: await unreadCount(currentUser(req).id) });
  });
  r.post('/notifications/read', requireUser, validate({ body: MarkReadInput }), async (req, res) => {
    res.json(await markRead(currentUser(req).id, req.body));
  });
  return r;
}
