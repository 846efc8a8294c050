import { z } from 'zod';
import { objectId } from '../common/schemas';

export const NotificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const MarkReadInput = z.strictObject({
  ids: z.array(objectId).max(200).optional(),
  all: z.literal(true).optional(),
});
