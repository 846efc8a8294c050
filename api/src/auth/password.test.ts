import assert from 'node:assert/strict';
import argon2 from 'argon2';
import { argon2Params, hashPassword, PRODUCTION_PARAMS, TEST_PARAMS, verifyPassword } from './password';

describe('password hashing', () => {
  // The test run hashes at TEST_PARAMS (test/hooks.ts); these tests are about production's.
  let cost: string | undefined;
  before(() => {
    cost = process.env.TEST_ARGON2_COST;
    process.env.TEST_ARGON2_COST = 'standard';
  });
  after(() => {
    if (cost === undefined) delete process.env.TEST_ARGON2_COST;
    else process.env.TEST_ARGON2_COST = cost;
  });

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

  it('keeps production parameters outside NODE_ENV=test, whatever TEST_ARGON2_COST says', () => {
    assert.deepEqual(PRODUCTION_PARAMS, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    for (const NODE_ENV of ['production', 'development', undefined]) {
      assert.equal(argon2Params({ NODE_ENV, TEST_ARGON2_COST: 'low' }), PRODUCTION_PARAMS, String(NODE_ENV));
    }
    assert.equal(argon2Params({ NODE_ENV: 'test' }), PRODUCTION_PARAMS, 'low only when asked for');
    assert.equal(argon2Params({ NODE_ENV: 'test', TEST_ARGON2_COST: 'low' }), TEST_PARAMS);
  });

  it('hashes at the test cost when asked, and such a hash verifies like any other', async () => {
    process.env.TEST_ARGON2_COST = 'low';
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'test';
    try {
      const hash = await hashPassword('correct-horse-battery');
      assert.match(hash, /^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
      assert.equal(await verifyPassword(hash, 'correct-horse-battery'), true);
      assert.equal(await verifyPassword(hash, 'wrong'), false);
    } finally {
      process.env.TEST_ARGON2_COST = 'standard';
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    }
  });
});
