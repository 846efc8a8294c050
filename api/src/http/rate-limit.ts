import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';

/**
 * The rate limiters' key: the client's address (IPv6 by its /56). A client that hung up before its
 * request was handled has no address any more (`req.ip` is undefined), which the limiter's default
 * key throws on — a logged 500 seen under load; such requests share one key instead.
 */
export const rateKey = (req: Pick<Request, 'ip'> & { socket?: { remoteAddress?: string } }): string =>
  ipKeyGenerator(req.ip ?? req.socket?.remoteAddress ?? 'gone');
