import argon2 from 'argon2';

// A fixed hash to verify against when the email is unknown, so both paths take the same time.
let dummyHash: Promise<string> | undefined;

/** The hashing function behind `hashPassword` (an object, so a test can count its calls). */
export const hasher = {
  hash: (plain: string): Promise<string> => argon2.hash(plain, { type: argon2.argon2id }),
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
