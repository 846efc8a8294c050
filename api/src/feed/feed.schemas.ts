import { z } from 'zod';

/** The largest page the feed serves. */
export const FEED_MAX_LIMIT = 1000;

/**
 * A feed page's query: `updatedSince` is the `nextCursor` of the previous page (opaque), or an ISO
 * date-time to start from; absent = from the beginning.
 */
export const FeedQuery = z.strictObject({
  updatedSince: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(100),
});
export type FeedQuery = z.infer<typeof FeedQuery>;
