import { Schema, model } from 'mongoose';
import { AppError } from '../errors';

/** Failed logins an account may have within the window before it is locked. */
export const LOGIN_MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
/** How long a lock lasts; it ends by itself. */
export const LOGIN_LOCK_MS = 15 * 60 * 1000;

/**
 * Failed logins per email address (known or not, so a lock reveals nothing about existence), on top
 * of the per-address rate limit: guessing one account's password from many addresses is stopped too.
 */
const loginThrottleSchema = new Schema(
  {
    _id: { type: String, required: true },
    failures: { type: Number, default: 0 },
    windowStart: { type: Date, default: () => new Date() },
    lockedUntil: { type: Date, default: null },
  },
  { versionKey: false },
);
export const LoginThrottle = model('LoginThrottle', loginThrottleSchema);

function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(429, 'account_locked', `Too many failed sign-ins for this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
    details: { retryAfterSeconds: seconds },
  });
}

/** Throws 429 account_locked while the account's lock lasts. Checked before the password. */
export async function assertNotLocked(email: string): Promise<void> {
  const t = await LoginThrottle.findById(email).lean();
  if (t?.lockedUntil && t.lockedUntil.getTime() > Date.now()) throw lockedError(t.lockedUntil);
}

/** Counts a failed login; the one that reaches the limit locks the account. */
export async function recordFailure(email: string): Promise<void> {
  const now = new Date();
  const t = await LoginThrottle.findById(email).lean();
  if (!t || now.getTime() - t.windowStart.getTime() > WINDOW_MS || (t.lockedUntil && t.lockedUntil <= now)) {
    await LoginThrottle.updateOne({ _id: email }, { $set: { failures: 1, windowStart: now, lockedUntil: null } }, { upsert: true });
    return;
  }
  const after = await LoginThrottle.findOneAndUpdate({ _id: email }, { $inc: { failures: 1 } }, { returnDocument: 'after' }).lean();
  if (after && after.failures >= LOGIN_MAX_FAILURES && !after.lockedUntil)
    await LoginThrottle.updateOne({ _id: email }, { $set: { lockedUntil: new Date(now.getTime() + LOGIN_LOCK_MS) } });
}

/** A successful login clears the count. */
export async function clearFailures(email: string): Promise<void> {
  await LoginThrottle.deleteOne({ _id: email });
}
