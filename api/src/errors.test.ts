import assert from 'node:assert/strict';
import { z } from 'zod';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, conflict, errorHandler, toAppError } from './errors';
import { createLogger } from './logger';
import { loadConfig, ConfigError } from './config';

describe('errors', () => {
  it('keeps an AppError as it is', () => {
    const e = conflict('stale', 'Stale');
    assert.equal(toAppError(e), e);
  });

  it('maps a zod failure to 400 naming the field', () => {
    const r = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    const e = toAppError(r.error);
    assert.equal(e.status, 400);
    assert.equal(e.extra.field, 'a.b');
  });

  it('maps a duplicate key to 409 and a cast error to 400', () => {
    assert.equal(toAppError({ code: 11000 }).status, 409);
    assert.equal(toAppError({ name: 'CastError', path: 'id' }).status, 400);
  });

  it('answers an unknown error with an opaque 500 that leaks nothing', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error('secret internals: password=hunter2');
    });
    app.use(errorHandler(createLogger('silent')));
    const server = createServer(app).listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/boom`);
      assert.equal(res.status, 500);
      const text = await res.text();
      assert.ok(!text.includes('hunter2'));
      assert.equal(JSON.parse(text).error.code, 'internal');
    } finally {
      server.close();
    }
  });

  it('is an Error subclass with status and code', () => {
    const e = new AppError(418, 'teapot', 'I am a teapot');
    assert.ok(e instanceof Error);
    assert.equal(e.status, 418);
  });
});

describe('config', () => {
  it('lists every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', MONGODB_URI: 'http://x', LOG_LEVEL: 'loud' }),
      (e: ConfigError) => e.problems.length === 3 && e.problems.some((p) => p.startsWith('PORT')),
    );
  });

  it('requires a session secret in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET/);
  });

  it('defaults PORT to 3000', () => {
    assert.equal(loadConfig({}).PORT, 3000);
  });
});
