/**
 * The wire guard: every reply the MongoDB driver reads must answer the request it is read for.
 *
 * Why: the MongoDB wire protocol pairs a reply with its request only by the reply's `responseTo`
 * header, and the Node driver (7.x) parses that field but never compares it: it simply takes the
 * next message on the socket as the answer to whatever it is waiting for. One reply too many on a
 * pooled connection therefore shifts every later command on it by one — silently. That is what
 * FerretDB 1.24 does to unacknowledged requests (OP_MSG with the `moreToCome` flag, i.e. `w: 0`
 * writes and the driver's own `endSessions` on close): the protocol says no reply, FerretDB sends
 * one anyway (seen on the wire and in FerretDB's debug log). connect-mongo's 10-minute
 * `autoRemove: 'interval'` delete was such a write; what followed was ~40 s of 500s, and in a
 * direct test a lookup for document B returned document A — potentially another user's session.
 *
 * What, installed once by `connectDatabase` before the first connection exists:
 * - Sending side (`Connection.prototype.writeCommand`, through which every request goes): the
 *   connection remembers the request id it now waits for (none for a `moreToCome` request) and
 *   whether the request allows an exhaust stream. On FerretDB (`acknowledgeUnacknowledged`) a
 *   `moreToCome` request is sent as an ordinary one instead, and the driver reads its reply, so no
 *   unacknowledged request ever reaches FerretDB, whichever library asked for `w: 0`.
 * - Receiving side (`SizedMessageTransform.prototype.push`, which hands every framed message from
 *   the socket to the reader): the reply's `responseTo` must be the awaited request id (or, inside
 *   an exhaust stream, the previous reply's id). A reply nobody waits for (a duplicate, a reply to
 *   a `moreToCome` request), one for another request, or a `moreToCome` reply to a request that did
 *   not allow exhaust is dropped, one warn line is logged (request id, responseTo, connection id),
 *   and the connection is destroyed with a `MongoWireDesyncError`. The check runs when the message
 *   arrives, before anyone can read it, so a stray reply that lands on an idle pooled connection is
 *   caught there too; the pool then discards the closed connection and opens a fresh one.
 * - The error extends the driver's `MongoNetworkTimeoutError`: the driver treats it as a retryable
 *   network error (a read — find, findOne, count, aggregate without `$out` — is retried once on
 *   another connection by retryable reads; FerretDB reports sessions, so this works there), but,
 *   unlike a plain network error, it does not clear the whole pool or mark the server unknown,
 *   which would fail unrelated writes waiting for a connection. Writes are not retried on FerretDB
 *   (the driver retries writes only on replica sets, where the server deduplicates them by
 *   transaction number): a write that meets a desync fails, since it may or may not have applied.
 *
 * Cost: two property writes per request and four integer reads and a comparison per reply; no
 * allocation. On MongoDB the check always passes (and `moreToCome` is left alone).
 *
 * Pinned to the driver's internals: installation throws if the hooked methods are missing or no
 * longer shaped as this module expects (and runs a self-test of the receiving hook), so a driver
 * upgrade cannot switch the guard off silently. Patches the copy of `mongodb` that mongoose uses.
 */
import { createRequire } from 'node:module';
import { createLogger, type Logger } from '../logger';

type Fn = (...args: never[]) => unknown;

interface DriverConnection {
  id: number | string;
  address?: string;
  closed: boolean;
  onError(err: Error): void;
  [kExpect]?: number;
  [kExhaust]?: boolean;
}

interface DriverRequest {
  requestId: number;
  moreToCome: boolean;
  exhaustAllowed?: boolean;
  command?: Record<string, unknown>;
}

const kExpect = Symbol('wireGuard.expect');
const kExhaust = Symbol('wireGuard.exhaust');
const kSelfTest = Symbol('wireGuard.selfTest');

/** `kExpect` when no reply may arrive. Request ids are non-negative. */
const NONE = -1;
const OP_MSG = 2013;
const OP_COMPRESSED = 2012;
const MORE_TO_COME = 2;

/** Counters the tests read. */
export const wireGuardStats = { desyncs: 0, acknowledged: 0 };

let installed = false;
let logger: Logger | undefined;
let acknowledgeUnacknowledged = false;
let DesyncError: (new (message: string) => Error) | undefined;
const warnedCommands = new Set<string>();

const log = (): Logger => (logger ??= createLogger());

export interface WireGuardOptions {
  /** Where the warn lines go (default: a pino logger at LOG_LEVEL). */
  logger?: Logger;
  /** Send `moreToCome` (unacknowledged) requests as acknowledged ones: on for FerretDB. */
  acknowledgeUnacknowledged?: boolean;
}

/** Changes the guard's settings; returns the previous ones (tests restore them). */
export function configureWireGuard(opts: WireGuardOptions): Required<WireGuardOptions> {
  const previous = { logger: log(), acknowledgeUnacknowledged };
  if (opts.logger) logger = opts.logger;
  if (opts.acknowledgeUnacknowledged !== undefined) acknowledgeUnacknowledged = opts.acknowledgeUnacknowledged;
  return previous;
}

/** True for the error a connection is destroyed with when a reply does not match its request. */
export const isWireDesyncError = (err: unknown): boolean => !!DesyncError && err instanceof DesyncError;

/** True once the guard is installed in this process. */
export const wireGuardInstalled = () => installed;

const int32 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

type Hookable = { prototype: Record<string, Fn> };

/** The driver internals the guard hooks (see `checkDriverInternals`). */
export interface DriverInternals {
  Connection: Hookable;
  SizedMessageTransform: Hookable & (new (opts: { connection: unknown }) => { _transform: Fn });
  MongoNetworkTimeoutError: new (message: string) => Error;
}

/** The modules `checkDriverInternals` reads: `lib/cmap/connection`, `lib/cmap/commands`, the package. */
export interface DriverModules {
  connection: Record<string, unknown>;
  commands: Record<string, unknown>;
  driver: Record<string, unknown>;
}

/**
 * Checks that the driver still has what the hooks rely on: every request goes through
 * `Connection#writeCommand`, and `sendWire` reads `message.moreToCome` only after it; the
 * transform hands each framed message to `this.push`; `OpMsgRequest#toBin` serialises its flags
 * when written. Throws, naming what is missing.
 */
export function checkDriverInternals(mods: DriverModules): DriverInternals {
  const fail = (what: string): never => {
    throw new Error(`wire guard: ${what} in the mongodb driver used by mongoose; the guard was written for 7.x internals — re-check api/src/store/wire-guard.ts before upgrading`);
  };
  const classes = [mods.connection.Connection, mods.connection.SizedMessageTransform, mods.driver.MongoNetworkTimeoutError];
  if (classes.some((c) => typeof c !== 'function')) fail('Connection, SizedMessageTransform or MongoNetworkTimeoutError is missing');
  const [Connection, SizedMessageTransform, MongoNetworkTimeoutError] = classes as [
    Hookable,
    DriverInternals['SizedMessageTransform'],
    DriverInternals['MongoNetworkTimeoutError'],
  ];
  const proto = Connection.prototype;
  for (const name of ['writeCommand', 'sendWire', 'readMany', 'onError'] as const) {
    if (typeof proto[name] !== 'function') fail(`Connection.prototype.${name} is missing`);
  }
  if (!/this\.writeCommand\(message[\s\S]*if \(message\.moreToCome\)/.test(String(proto.sendWire))) {
    fail('Connection.prototype.sendWire no longer writes through writeCommand and then checks message.moreToCome');
  }
  if (!String(SizedMessageTransform.prototype._transform).includes('this.push(')) fail('SizedMessageTransform no longer pushes framed messages');
  const OpMsgRequest = mods.commands.OpMsgRequest as Hookable | undefined;
  if (!String(OpMsgRequest?.prototype.toBin).includes('if (this.moreToCome)')) fail('OpMsgRequest.toBin no longer reads this.moreToCome');
  return { Connection, SizedMessageTransform, MongoNetworkTimeoutError };
}

/**
 * Installs the guard on the driver mongoose uses. Idempotent (later calls only apply `opts`).
 * Throws if the driver's internals are not what the hooks expect.
 */
export function installWireGuard(opts: WireGuardOptions = {}): void {
  configureWireGuard(opts);
  if (installed) return;
  const req = createRequire(createRequire(import.meta.url).resolve('mongoose'));
  const load = (id: string) => {
    try {
      return req(id) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`wire guard: cannot load ${id} from the mongodb driver used by mongoose (${(err as Error).message})`, { cause: err });
    }
  };
  const internals = checkDriverInternals({
    connection: load('mongodb/lib/cmap/connection'),
    commands: load('mongodb/lib/cmap/commands'),
    driver: load('mongodb'),
  });
  const TimeoutError = internals.MongoNetworkTimeoutError;
  const Transform = internals.SizedMessageTransform;
  const proto = internals.Connection.prototype;

  DesyncError = class MongoWireDesyncError extends TimeoutError {};
  // The driver's errors name themselves with a prototype getter; follow suit.
  Object.defineProperty(DesyncError.prototype, 'name', { get: () => 'MongoWireDesyncError' });

  const originalWrite = proto.writeCommand as (this: DriverConnection, command: DriverRequest, options: unknown) => Promise<void>;
  proto.writeCommand = function guardedWriteCommand(this: DriverConnection, command: DriverRequest, options: unknown) {
    if (command.moreToCome && acknowledgeUnacknowledged) acknowledge(command);
    this[kExpect] = command.moreToCome ? NONE : command.requestId;
    this[kExhaust] = command.exhaustAllowed === true;
    return originalWrite.call(this, command, options);
  } as Fn;

  const originalPush = Transform.prototype.push as (this: unknown, chunk: unknown, encoding?: unknown) => boolean;
  Transform.prototype.push = function guardedPush(this: { connection: DriverConnection }, chunk: Uint8Array | null, encoding?: unknown) {
    const conn = this.connection;
    if (chunk === null || conn === undefined) return originalPush.call(this, chunk, encoding);
    if (conn.closed) return true; // the rest of a poisoned connection's buffer: nobody may read it
    const expect = conn[kExpect];
    if (expect === undefined) return originalPush.call(this, chunk, encoding); // connection older than the guard
    const responseTo = int32(chunk, 8);
    if (expect === NONE || responseTo !== expect) {
      desync(conn, chunk, expect, 'reply does not answer the request in flight');
      return true;
    }
    const opCode = int32(chunk, 12);
    // OP_COMPRESSED hides the flags: inside an exhaust stream, assume more may follow.
    const more = opCode === OP_MSG ? (int32(chunk, 16) & MORE_TO_COME) !== 0 : opCode === OP_COMPRESSED;
    if (more && conn[kExhaust]) {
      conn[kExpect] = int32(chunk, 4); // the next exhaust reply answers this one
    } else if (more && opCode === OP_MSG) {
      desync(conn, chunk, expect, 'moreToCome reply to a request that did not allow exhaust');
      return true;
    } else {
      // Nothing may follow a final reply. (Reply ids are never matched outside exhaust: FerretDB
      // numbers its replies per connection from 1, so they collide with our request ids.)
      conn[kExpect] = NONE;
    }
    return originalPush.call(this, chunk, encoding);
  } as Fn;

  selfTest(Transform);
  installed = true;
}

function acknowledge(command: DriverRequest): void {
  command.moreToCome = false;
  wireGuardStats.acknowledged++;
  const name = command.command ? Object.keys(command.command)[0] ?? '?' : '?';
  if (!warnedCommands.has(name)) {
    warnedCommands.add(name);
    // endSessions is the driver's own, on every close; any other is a w: 0 write someone asked for.
    log()[name === 'endSessions' ? 'debug' : 'warn']({ command: name }, 'wire guard: unacknowledged request sent as acknowledged (FerretDB answers moreToCome requests)');
  }
}

function desync(conn: DriverConnection, chunk: Uint8Array, expect: number, reason: string): void {
  const requestId = expect === NONE ? null : expect;
  const responseTo = int32(chunk, 8);
  const message = `wire guard: ${reason} (connection ${conn.id}, awaiting ${requestId ?? 'no reply'}, got responseTo ${responseTo}); connection dropped`;
  if (!(conn as { [kSelfTest]?: boolean })[kSelfTest]) {
    wireGuardStats.desyncs++;
    log().warn({ requestId, responseTo, replyId: int32(chunk, 4), connectionId: conn.id, address: conn.address, reason }, 'wire guard: crossed reply; connection dropped');
  }
  conn.onError(new DesyncError!(message));
}

/** Feeds the hooked transform a reply nobody waits for and checks the hook rejected it. */
function selfTest(Transform: new (opts: { connection: unknown }) => { _transform: Fn }): void {
  let seen: Error | undefined;
  const fake = {
    id: 'self-test',
    closed: false,
    delayedTimeoutId: null,
    onError(err: Error) {
      seen = err;
      this.closed = true;
    },
    [kExpect]: 7,
    [kExhaust]: false,
    [kSelfTest]: true,
  };
  const stream = new Transform({ connection: fake });
  const msg = new Uint8Array(21);
  new DataView(msg.buffer).setInt32(0, 21, true);
  new DataView(msg.buffer).setInt32(8, 6, true); // responseTo 6 while 7 is awaited
  new DataView(msg.buffer).setInt32(12, OP_MSG, true);
  let pushedError: unknown;
  (stream._transform as (chunk: Uint8Array, enc: string, cb: (err?: unknown) => void) => void)(msg, 'buffer', (err) => (pushedError = err));
  if (!seen || !(seen instanceof DesyncError!) || pushedError) {
    throw new Error('wire guard: self-test failed — a crossed reply passed SizedMessageTransform unchecked; re-check the driver internals');
  }
}
