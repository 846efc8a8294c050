// The wire guard against the real FerretDB from the root hooks, through a TCP proxy that can put a
// stray reply on a live connection (the way FerretDB answers w: 0 writes).
import { strict as assert } from 'node:assert';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import mongoose from 'mongoose';
import type { Logger } from '../logger';
import { storeInfo } from './store';
import {
  checkDriverInternals,
  configureWireGuard,
  installWireGuard,
  isWireDesyncError,
  wireGuardInstalled,
  wireGuardStats,
  type DriverModules,
} from './wire-guard';
import { startSessionSweep } from './session-sweep';
import { startTestServer } from '../../test/server';

const { BSON, MongoClient } = mongoose.mongo; // the driver copy mongoose uses, where the guard sits
type Client = InstanceType<typeof MongoClient>;

const OP_MSG = 2013;
const MORE_TO_COME = 2;
const int32 = (b: Buffer, at: number) => b.readInt32LE(at);

/** An OP_MSG with one body section. */
function opMsg(requestId: number, responseTo: number, doc: object, flags = 0): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const head = Buffer.alloc(21);
  head.writeInt32LE(21 + body.length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(OP_MSG, 12);
  head.writeUInt32LE(flags, 16);
  head[20] = 0;
  return Buffer.concat([head, body]);
}

const bodyOf = (m: Buffer) => BSON.deserialize(m.subarray(21, 21 + m.readInt32LE(21))) as Record<string, unknown>;

/** Splits a byte stream into wire messages. */
function framer(onMessage: (m: Buffer) => void) {
  let buf: Buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    while (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
      const len = buf.readInt32LE(0);
      onMessage(buf.subarray(0, len));
      buf = buf.subarray(len);
    }
  };
}

interface Sent {
  conn: number;
  requestId: number;
  flags: number;
  command: Record<string, unknown> | undefined;
}

type Injection =
  /** Before the reply to a matching request, a reply to the connection's previous request carrying `doc`. */
  | { mode: 'staleBefore'; when: (cmd: Record<string, unknown>) => boolean; doc: (cmd: Record<string, unknown>) => object }
  /** The reply to a matching request, twice. */
  | { mode: 'duplicate'; when: (cmd: Record<string, unknown>) => boolean };

/** A loopback proxy to FerretDB that records requests and injects armed stray replies. */
class WireProxy {
  readonly sent: Sent[] = [];
  readonly injected: { conn: number; responseTo: number; mode: string }[] = [];
  /** Proxied connections the client side closed. */
  readonly clientClosed = new Set<number>();
  private readonly armed: Injection[] = [];
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  private seq = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  arm(injection: Injection, times = 1) {
    for (let i = 0; i < times; i++) this.armed.push(injection);
  }

  get pending() {
    return this.armed.length;
  }

  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket) {
    const id = ++this.seq;
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    const requests = new Map<number, Record<string, unknown> | undefined>();
    let previousRequestId = 0;
    let lastRequestId = 0;
    client.on(
      'data',
      framer((m) => {
        const requestId = int32(m, 4);
        const isMsg = int32(m, 12) === OP_MSG;
        const command = isMsg && m[20] === 0 ? bodyOf(m) : undefined;
        this.sent.push({ conn: id, requestId, flags: isMsg ? m.readUInt32LE(16) : 0, command });
        requests.set(requestId, command);
        previousRequestId = lastRequestId;
        lastRequestId = requestId;
        upstream.write(m);
      }),
    );
    upstream.on(
      'data',
      framer((m) => {
        const responseTo = int32(m, 8);
        const cmd = requests.get(responseTo);
        const at = cmd ? this.armed.findIndex((inj) => inj.when(cmd)) : -1;
        if (at < 0 || client.destroyed) {
          if (!client.destroyed) client.write(m);
          return;
        }
        const [inj] = this.armed.splice(at, 1);
        if (inj!.mode === 'staleBefore') {
          // A reply whose responseTo names an earlier request on this connection.
          const stale = opMsg(900_000 + this.injected.length, previousRequestId, inj!.doc(cmd!));
          this.injected.push({ conn: id, responseTo: previousRequestId, mode: inj!.mode });
          client.write(stale);
          client.write(m);
        } else {
          this.injected.push({ conn: id, responseTo, mode: inj!.mode });
          client.write(m);
          client.write(m);
        }
      }),
    );
    client.on('close', () => {
      this.clientClosed.add(id);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(ok: () => boolean, ms = 2000) {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await sleep(5);
}

const COLL = 'wg_docs';
const IDS = Array.from({ length: 8 }, (_, i) => `doc-${i}`);

describe('store/wire-guard', function () {
  this.timeout(60_000);
  let proxy: WireProxy;
  let target: { host: string; port: number };
  let dbName: string;
  const warnings: Record<string, unknown>[] = [];
  let restore: ReturnType<typeof configureWireGuard>;
  const clients: Client[] = [];

  before(async () => {
    assert.ok(wireGuardInstalled(), 'connectDatabase installs the guard');
    const uri = new URL(process.env.MONGODB_URI!);
    target = { host: uri.hostname, port: Number(uri.port || 27017) };
    dbName = mongoose.connection.db!.databaseName;
    const capture: Logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    restore = configureWireGuard({ logger: capture });
  });

  after(() => {
    configureWireGuard(restore);
  });

  beforeEach(async () => {
    warnings.length = 0;
    proxy = await new WireProxy(target).start();
    await mongoose.connection.db!.collection(COLL).insertMany(IDS.map((_id, i) => ({ _id, owner: `user-${i}` })) as never);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await proxy.stop();
  });

  /** A client of its own, through the proxy, with command and pool events recorded. */
  async function client(opts: { maxPoolSize?: number } = {}) {
    const c = new MongoClient(`mongodb://127.0.0.1:${proxy.port}/${dbName}`, {
      monitorCommands: true,
      maxPoolSize: opts.maxPoolSize ?? 4,
      serverSelectionTimeoutMS: 10_000,
    });
    const events = {
      started: [] as { commandName: string; command: Record<string, unknown>; connectionId?: unknown }[],
      failed: [] as { commandName: string; failure: Error }[],
      closed: [] as { connectionId: unknown; reason: string }[],
    };
    c.on('commandStarted', (e) => events.started.push({ commandName: e.commandName, command: e.command, connectionId: e.connectionId }));
    c.on('commandFailed', (e) => events.failed.push({ commandName: e.commandName, failure: e.failure }));
    c.on('connectionClosed', (e) => events.closed.push({ connectionId: e.connectionId, reason: e.reason }));
    await c.connect();
    clients.push(c);
    return { client: c, coll: c.db(dbName).collection<{ _id: string; owner: string }>(COLL), events };
  }

  const findCmd = (cmd: Record<string, unknown>) => cmd.find === COLL;
  const wanted = (cmd: Record<string, unknown>) => (cmd.filter as { _id: string })._id;
  /** Another document than the one asked for — what a crossed reply hands over. */
  const intruder = (cmd: Record<string, unknown>) => {
    const other = IDS[(IDS.indexOf(wanted(cmd)) + 1) % IDS.length]!;
    return { cursor: { firstBatch: [{ _id: other, owner: `user-${IDS.indexOf(other)}` }], id: 0, ns: `${dbName}.${COLL}` }, ok: 1 };
  };

  it('the proxy really puts a stray reply on the wire (raw socket, no driver, no guard)', async () => {
    const raw = connect(proxy.port, '127.0.0.1');
    await new Promise<void>((resolve) => raw.once('connect', resolve));
    const received: Buffer[] = [];
    raw.on('data', framer((m) => received.push(Buffer.from(m))));
    const waitFor = async (n: number) => {
      await until(() => received.length >= n);
      assert.ok(received.length >= n, `expected ${n} replies, got ${received.length}`);
    };
    const find = (requestId: number, _id: string) =>
      raw.write(opMsg(requestId, 0, { find: COLL, filter: { _id }, limit: 1, singleBatch: true, $db: dbName }));

    find(1001, 'doc-0');
    await waitFor(1);
    proxy.arm({ mode: 'staleBefore', when: findCmd, doc: intruder });
    find(1002, 'doc-3');
    await waitFor(3);
    raw.destroy();

    // A reader that takes the next message as its answer (as the driver does) gets doc-4 for doc-3.
    const [, stray, genuine] = received;
    assert.equal(int32(stray!, 8), 1001, 'the stray reply names the earlier request');
    assert.deepEqual((bodyOf(stray!).cursor as { firstBatch: unknown[] }).firstBatch, [{ _id: 'doc-4', owner: 'user-4' }]);
    assert.equal(int32(genuine!, 8), 1002);
    assert.deepEqual((bodyOf(genuine!).cursor as { firstBatch: unknown[] }).firstBatch, [{ _id: 'doc-3', owner: 'user-3' }]);
  });

  it('concurrent lookups never get another document: crossed replies are caught, the connection dropped, the read retried', async () => {
    const { coll, events } = await client({ maxPoolSize: 4 });
    const before = wireGuardStats.desyncs;
    const injections = 4;
    proxy.arm({ mode: 'staleBefore', when: findCmd, doc: intruder }, injections);

    const mismatches: string[] = [];
    const errors: unknown[] = [];
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        IDS.map(async (id) => {
          try {
            const doc = await coll.findOne({ _id: id });
            if (doc?._id !== id || doc.owner !== `user-${IDS.indexOf(id)}`) mismatches.push(`${id} -> ${JSON.stringify(doc)}`);
          } catch (err) {
            errors.push(err);
          }
        }),
      );
    }

    assert.deepEqual(mismatches, [], 'no lookup received another document');
    assert.equal(proxy.pending, 0, 'every armed stray reply was sent');
    assert.equal(proxy.injected.length, injections);
    assert.deepEqual(errors, [], 'every lookup that met a stray reply succeeded on its retry');
    assert.equal(wireGuardStats.desyncs - before, injections, 'every stray reply was detected');

    // Each detection: one failed find attempt with the desync error, retried by the driver.
    const desyncFailures = events.failed.filter((f) => isWireDesyncError(f.failure));
    assert.equal(desyncFailures.length, injections);
    assert.ok(desyncFailures.every((f) => f.commandName === 'find' && f.failure.name === 'MongoWireDesyncError'));
    assert.equal(events.started.filter((s) => s.commandName === 'find').length, 6 * IDS.length + injections, 'one retry per detection');

    // One warn line per detection, naming the connection, which the pool then dropped.
    const lines = warnings.filter((w) => w.msg === 'wire guard: crossed reply; connection dropped');
    assert.equal(lines.length, injections);
    for (const w of lines) {
      assert.equal(typeof w.requestId, 'number');
      assert.notEqual(w.responseTo, w.requestId);
      assert.ok(events.closed.some((c) => c.connectionId === w.connectionId && c.reason === 'error'), `connection ${w.connectionId} dropped`);
    }
    const poisoned = new Set(proxy.injected.map((i) => i.conn));
    assert.ok([...poisoned].every((c) => proxy.clientClosed.has(c)), 'the driver closed every poisoned TCP connection');

    // And the client goes on working on fresh connections.
    const again = await Promise.all(IDS.map((id) => coll.findOne({ _id: id })));
    assert.deepEqual(again.map((d) => d?._id), IDS);
  });

  it('a duplicated reply that lands on an idle connection is caught before the next command can read it', async () => {
    const { coll, events } = await client({ maxPoolSize: 1 });
    assert.equal((await coll.findOne({ _id: 'doc-0' }))?._id, 'doc-0');
    proxy.arm({ mode: 'duplicate', when: findCmd });
    assert.equal((await coll.findOne({ _id: 'doc-1' }))?._id, 'doc-1');
    await sleep(100); // the duplicate arrives while the connection sits in the pool
    // Without the guard the next lookup on this single connection would read doc-1's duplicate.
    for (const id of ['doc-2', 'doc-5', 'doc-7']) assert.equal((await coll.findOne({ _id: id }))?._id, id);
    assert.equal(proxy.injected.length, 1);
    assert.deepEqual(events.failed.map((f) => `${f.commandName}: ${f.failure.name} ${f.failure.message}`), [], 'caught while idle: no command failed');
    assert.equal(events.closed.filter((c) => c.reason === 'error').length, 1, 'the poisoned connection was dropped');
    assert.equal(warnings.filter((w) => w.msg === 'wire guard: crossed reply; connection dropped' && w.requestId === null).length, 1);
  });

  it('a write that meets a crossed reply fails (not retried, it may have applied)', async () => {
    const { coll, events } = await client({ maxPoolSize: 1 });
    await coll.findOne({ _id: 'doc-0' }); // gives the connection an earlier request
    proxy.arm({ mode: 'staleBefore', when: (cmd) => cmd.update === COLL, doc: () => ({ n: 1, nModified: 1, ok: 1 }) });
    await assert.rejects(coll.updateOne({ _id: 'doc-1' }, { $set: { owner: 'changed' } }), (err: unknown) => isWireDesyncError(err));
    assert.equal(events.started.filter((s) => s.commandName === 'update').length, 1, 'no blind retry');
    assert.equal((await coll.findOne({ _id: 'doc-2' }))?._id, 'doc-2', 'later operations succeed');
  });

  it("catches FerretDB's reply to a w: 0 write, and on FerretDB sends none: w: 0 goes out acknowledged", async function () {
    if (storeInfo().kind !== 'ferretdb') this.skip();
    const { coll, events } = await client({ maxPoolSize: 1 });
    const previous = configureWireGuard({ acknowledgeUnacknowledged: false });
    try {
      // As connect-mongo's interval sweep did: FerretDB answers although the protocol says not to.
      await coll.deleteMany({ _id: 'doc-7' }, { writeConcern: { w: 0 } });
      await until(() => proxy.sent.some((s) => s.command?.delete === COLL));
      assert.ok(proxy.sent.some((s) => s.command?.delete === COLL && s.flags & MORE_TO_COME), 'sent with moreToCome');
      for (const id of ['doc-0', 'doc-1', 'doc-2']) assert.equal((await coll.findOne({ _id: id }))?._id, id);
      assert.equal(events.closed.filter((c) => c.reason === 'error').length, 1, 'the connection with the stray reply was dropped');
      assert.equal(warnings.filter((w) => w.msg === 'wire guard: crossed reply; connection dropped').length, 1);
    } finally {
      configureWireGuard(previous);
    }

    // As connectDatabase configures it on FerretDB: the same write is acknowledged on the wire.
    warnings.length = 0;
    proxy.sent.length = 0;
    const result = await coll.deleteMany({ _id: 'doc-6' }, { writeConcern: { w: 0 } });
    assert.equal(result.deletedCount, 1, 'the reply was read by the write that caused it');
    const deletes = proxy.sent.filter((s) => s.command?.delete === COLL);
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]!.flags & MORE_TO_COME, 0, 'no moreToCome on the wire');
    assert.equal((await coll.findOne({ _id: 'doc-5' }))?._id, 'doc-5');
    assert.equal(warnings.filter((w) => w.msg === 'wire guard: crossed reply; connection dropped').length, 0);
  });

  it('fails loudly at install time when the driver internals it hooks are gone', () => {
    installWireGuard(); // installed already: idempotent
    const req = createRequire(createRequire(import.meta.url).resolve('mongoose'));
    const mods: DriverModules = {
      connection: req('mongodb/lib/cmap/connection'),
      commands: req('mongodb/lib/cmap/commands'),
      driver: req('mongodb'),
    };
    assert.doesNotThrow(() => checkDriverInternals(mods));
    const { Connection } = mods.connection as { Connection: { prototype: object } };
    class Renamed {}
    Object.assign(Renamed.prototype, { sendWire: () => undefined, readMany: () => undefined, onError: () => undefined });
    assert.throws(() => checkDriverInternals({ ...mods, connection: { ...mods.connection, Connection: Renamed } }), /writeCommand is missing/);
    class Rewritten extends (Connection as new () => object) {
      async *sendWire() {
        yield undefined;
      }
    }
    assert.throws(() => checkDriverInternals({ ...mods, connection: { ...mods.connection, Connection: Rewritten } }), /sendWire/);
    assert.throws(() => checkDriverInternals({ ...mods, connection: { ...mods.connection, SizedMessageTransform: undefined } }), /missing/);
  });
});

describe('session sweep', function () {
  this.timeout(60_000);

  const sessions = () => mongoose.connection.db!.collection<{ _id: string; expires: Date; session: string }>('sessions');
  const seed = async () => {
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    await sessions().insertMany([
      { _id: 'old-1', expires: past, session: '{}' },
      { _id: 'old-2', expires: past, session: '{}' },
      { _id: 'live', expires: future, session: '{}' },
    ]);
  };

  it('deletes expired sessions with an acknowledged write (no moreToCome on the wire)', async () => {
    await seed();
    const uri = new URL(process.env.MONGODB_URI!);
    const proxy = await new WireProxy({ host: uri.hostname, port: Number(uri.port || 27017) }).start();
    const dbName = mongoose.connection.db!.databaseName;
    const c = new MongoClient(`mongodb://127.0.0.1:${proxy.port}/${dbName}`, { monitorCommands: true });
    const started: Record<string, unknown>[] = [];
    c.on('commandStarted', (e) => e.commandName === 'delete' && started.push(e.command));
    const warned: unknown[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warned.push(line) });
    const sweep = startSessionSweep({ collection: () => c.db(dbName).collection('sessions'), logger, intervalMs: 3_600_000 });
    try {
      assert.equal(await sweep.runOnce(), 2);
      assert.deepEqual((await sessions().find().toArray()).map((s) => s._id), ['live']);
      assert.equal(started.length, 1);
      assert.deepEqual(started[0]!.writeConcern, { w: 1 });
      const deletes = proxy.sent.filter((s) => s.command?.delete === 'sessions');
      assert.equal(deletes.length, 1);
      assert.equal(deletes[0]!.flags & MORE_TO_COME, 0);
      assert.deepEqual(warned, []);
    } finally {
      await sweep.stop();
      await c.close();
      await proxy.stop();
    }
  });

  it('logs a failed sweep and keeps its timer going until stopped', async () => {
    const warned: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warned.push(JSON.parse(line)) });
    let calls = 0;
    const failing = {
      deleteMany: async () => {
        calls++;
        throw new Error('store down');
      },
    };
    const sweep = startSessionSweep({ collection: () => failing as never, logger, intervalMs: 20 });
    await until(() => calls >= 2);
    await sweep.stop();
    const after = calls;
    assert.ok(after >= 2, 'ran again after a failure');
    assert.ok(warned.some((w) => w.msg === 'session sweep failed; retrying at the next interval'));
    await sleep(80);
    assert.equal(calls, after, 'no sweep after stop()');
  });

  it("the app's session store leaves expiry to the sweep, which the app bundle exposes", async () => {
    const srv = await startTestServer();
    try {
      const store = srv.bundle.sessionStore as unknown as { options: { autoRemove: string }; timer?: unknown };
      assert.equal(store.options.autoRemove, 'disabled');
      assert.equal(store.timer, undefined, "connect-mongo's own w: 0 timer is not running");
      await seed();
      assert.equal(await srv.bundle.sessionSweep.runOnce(), 2);
      assert.deepEqual((await sessions().find().toArray()).map((s) => s._id), ['live']);
    } finally {
      await srv.close();
    }
  });
});
