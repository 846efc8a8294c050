import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable the API reads. `.env.example` documents each one. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  /** FerretDB's PostgreSQL database (set by the project's scripts); the API adds index companions there. */
  STORE_PG_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  DATA_DIR: z.string().default('data'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  COOKIE_SECURE: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  WRITE_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  /** Requests per minute one API key may send (a token bucket per key, refilled continuously). */
  API_KEY_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  /** The feed's settle window (feed/feed.service.ts): a write commits within this long of its updatedAt. */
  FEED_SETTLE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  MEILI_HOST: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_BASE: z.url().optional(),
  /** The platform's fee on each payment, in basis points (100 = 1%), deducted from what the supplier receives. */
  PLATFORM_FEE_BPS: z.coerce.number().int('must be a whole number of basis points').min(0).max(5000, 'must be at most 5000 (50%)').default(100),
  /** A broker's commission on each payment of a brokered deal, in basis points, deducted from what the supplier receives. */
  BROKER_COMMISSION_BPS: z.coerce.number().int('must be a whole number of basis points').min(0).max(5000, 'must be at most 5000 (50%)').default(300),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  PUBLIC_URL: z.url().optional(),
  /** The web app's origin in development (the Vite dev server); sockets from it are accepted outside production. */
  WEB_ORIGIN: z.url().optional(),
  WEB_DIST: z.string().optional(),
  /**
   * How long a term of a background-work lease lasts (jobs/lease.ts): after a holder dies, another
   * API process takes its work over within about this long.
   */
  LEASE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  /** `low`: argon2 at a test-only cost, honoured only with NODE_ENV=test (auth/password.ts). */
  TEST_ARGON2_COST: z.enum(['low', 'standard']).default('standard'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  sessionSecret: string;
  version: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment, listing every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const cfg = parsed.data;
  const problems: string[] = [];
  if (cfg.NODE_ENV === 'production' && !cfg.SESSION_SECRET) problems.push('SESSION_SECRET: required in production');
  if (cfg.MEILI_HOST && !cfg.MEILI_MASTER_KEY && cfg.NODE_ENV === 'production')
    problems.push('MEILI_MASTER_KEY: required with MEILI_HOST in production');
  // The webhook's signing secret has no default outside development and test.
  if (cfg.NODE_ENV === 'production' && cfg.STRIPE_SECRET_KEY && !cfg.STRIPE_WEBHOOK_SECRET)
    problems.push('STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY in production');
  if (problems.length) throw new ConfigError(problems);
  return {
    ...cfg,
    sessionSecret: cfg.SESSION_SECRET ?? 'techbridge-development-session-secret',
    version: process.env.npm_package_version ?? '0.1.0',
  };
}
