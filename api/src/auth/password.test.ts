import assert from 'node:assert/strict';
import argon2 from 'argon2';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with argon2id at OWASP\'s minimum parameters and verifies', async () => {
    const hash = await hashPassword('correct-horse-battery');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.equal(await verifyPassword(hash, 'correct-horse-battery'), true);
    assert.equal(await verifyPassword(hash, 'wrong'), false);
  });

  it('still verifies a hash made with the library defaults (accounts from before)', async () => {
    const old = await argon2.hash('correct-horse-battery', { type: argon2.argon2id });
    assert.match(old, /m=65536,p=4,t=3/);
    assert.equal(await verifyPassword(old, 'correct-horse-battery'), true);
  });
});
