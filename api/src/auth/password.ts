import argon2 from 'argon2';

// A fixed hash to verify against when the email is unknown, so both paths take the same time.
let dummyHash: Promise<string> | undefined;

/**
 * argon2id at OWASP's recommended minimum (Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1).
 * The library's default (64 MiB, t = 3, p = 4) cost 175 ms of CPU per hash here against 25 ms, and
 * sign-ins queued behind it under load (login p95 4 s in bench:load). Hashes carry their own
 * parameters, so existing ones still verify.
 */
export const PRODUCTION_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The test suites' cost (1 MiB, t = 1): hundreds of sign-ups and sign-ins per run, on a loaded
 * two-core machine, each 25 ms of CPU at production cost. Only ever used with NODE_ENV=test.
 */
export const TEST_PARAMS = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

type Params = typeof PRODUCTION_PARAMS | typeof TEST_PARAMS;

/**
 * The parameters new hashes get: production's, unless NODE_ENV=test and TEST_ARGON2_COST=low
 * (`api/test/hooks.ts` sets both for the test run and the API processes it starts). Read per call.
 */
export function argon2Params(env: NodeJS.ProcessEnv = process.env): Params {
  return env.NODE_ENV === 'test' && env.TEST_ARGON2_COST === 'low' ? TEST_PARAMS : PRODUCTION_PARAMS;
}

/** The hashing function behind `hashPassword` (an object, so a test can count its calls). */
export const hasher = {
  hash: (plain: string): Promise<string> => argon2.hash(plain, argon2Params()),
};

/** Hashes a password with argon2id. */
export function hashPassword(plain: string): Promise<string> {
  return hasher.hash(plain);
}

/** Checks a password; with no hash it still does the work of one check and answers false. */
export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('techbridge-timing-equaliser');
    await argon2.verify(await dummyHash, plain).catch(() => false);
    return false;
  }
  return argon2.verify(hash, plain).catch(() => false);
}
