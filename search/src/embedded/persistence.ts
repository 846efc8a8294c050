/**
 * The embedded engine's files, per index, in `dataDir`:
 *
 * - `<index>.json` — a full snapshot (`IndexSnapshot`: stored documents + MiniSearch's index) that
 *   carries `seq`, the last change-log sequence number it includes. Written rarely: by compaction
 *   and on `close()`, always to a temp file, fsynced, renamed into place, then the directory fsynced.
 * - `<index>.log` — the change log: JSON lines, one per engine call, in sequence order:
 *   `{"s":7,"u":[doc,…]}` (documents as stored, i.e. after `derive`), `{"s":8,"d":["id",…]}`,
 *   `{"s":9,"c":1}` (clear). Each `flush()` appends the lines written since the last one with one
 *   write and one fdatasync.
 *
 * CRASH INVARIANT: at every instant the durable files satisfy "every change acknowledged by a
 * flush with seq > snapshot.seq is in the log, in order". Hence the order of every step that
 * replaces a file: a new snapshot is durable (fsync file, rename, fsync directory) BEFORE the log
 * loses the lines it covers; the log is only ever cut to lines with seq > the durable snapshot's
 * seq (lines at or below it are skipped on replay, so a crash between the two steps is harmless).
 *
 * On open: load the snapshot, then replay the log lines with seq > snapshot.seq in order. A torn
 * or unparsable line (a crash mid-append: that flush never resolved) ends the replay with a warning
 * and the log is cut back to the last good line, so later appends do not land behind garbage.
 */
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IndexDefinition } from '../engine';
import { EmbeddedIndex, type IndexSnapshot } from './embedded-index';

type Doc = Record<string, unknown>;

export type LogOp = { s: number; u: Doc[] } | { s: number; d: string[] } | { s: number; c: 1 };

export const snapshotPath = (dir: string, name: string) => join(dir, `${name}.json`);
export const logPath = (dir: string, name: string) => join(dir, `${name}.log`);

/** fsync of a directory, so a rename or a new file in it survives a crash. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes `data` to `path` durably: temp file, fsync, rename, fsync of the directory. */
export async function writeDurably(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeSynced(tmp, data);
  await rename(tmp, path);
  await syncDir(dirname(path));
}

/** Writes and fsyncs a file (no rename). */
export async function writeSynced(path: string, data: string | Buffer): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export interface ParsedLog {
  ops: LogOp[];
  /** Byte offset just after each op's line. */
  ends: number[];
  /** Bytes of the complete, parsable prefix. */
  validBytes: number;
  /** Bytes after it (a torn or corrupt tail), 0 when the log is clean. */
  tornBytes: number;
}

/** Splits a log into its complete lines; stops at the first torn/unparsable line or sequence break. */
export function parseLog(buf: Buffer): ParsedLog {
  const ops: LogOp[] = [];
  const ends: number[] = [];
  let pos = 0;
  let prev: number | undefined;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break; // no newline: the last append was cut short
    let op: LogOp;
    try {
      op = JSON.parse(buf.subarray(pos, nl).toString('utf8')) as LogOp;
    } catch {
      break;
    }
    if (typeof op?.s !== 'number' || (prev !== undefined && op.s !== prev + 1)) break;
    prev = op.s;
    ops.push(op);
    pos = nl + 1;
    ends.push(pos);
  }
  return { ops, ends, validBytes: pos, tornBytes: buf.length - pos };
}

/** Applies one log line to an index (documents as stored: not derived again). */
export function applyOp(index: EmbeddedIndex, op: LogOp): void {
  if ('u' in op) index.upsert(op.u, undefined, true);
  else if ('d' in op) index.delete(op.d);
  else if ('c' in op) index.clear();
}

export interface ReplayResult {
  /** Sequence number of the state reached. */
  seq: number;
  applied: number;
  /** A gap between the snapshot and the first line (a lost snapshot or log): state is incomplete. */
  gap: boolean;
}

/** Replays `ops` with seq > `fromSeq` onto `index`; an op that throws is applied as far as it goes (as it was live). */
export function replay(index: EmbeddedIndex, ops: readonly LogOp[], fromSeq: number): ReplayResult {
  let seq = fromSeq;
  let applied = 0;
  let gap = false;
  for (const op of ops) {
    if (op.s <= seq) continue;
    if (op.s !== seq + 1) {
      gap = true;
      break;
    }
    try {
      applyOp(index, op);
    } catch {
      // The live call threw at the same document: the state is the same.
    }
    seq = op.s;
    applied++;
  }
  return { seq, applied, gap };
}

/** A definition without code (what a worker can receive): documents in the log are derived already. */
export type PlainDefinition = Omit<IndexDefinition, 'derive'>;

export function plainDefinition(def: IndexDefinition): PlainDefinition {
  const { derive: _derive, ...plain } = def;
  return JSON.parse(JSON.stringify(plain)) as PlainDefinition;
}

export interface CompactTask {
  dir: string;
  name: string;
  def: PlainDefinition;
  /** Only the log's first `logEnd` bytes are folded in (what was appended when compaction began). */
  logEnd: number;
  /** Where the new snapshot is written (fsynced, not renamed). */
  out: string;
}

export interface CompactResult {
  seq: number;
  documents: number;
  bytes: number;
  gap: boolean;
}

/**
 * Folds the log's first `logEnd` bytes into the snapshot on disk and writes the result to
 * `task.out` — from the files alone, so it can run in a worker thread while the engine keeps
 * serving and appending. Runs in a worker (compact.worker.mjs) or, as a fallback, in-process.
 */
export async function compactFiles(task: CompactTask): Promise<CompactResult> {
  const index = new EmbeddedIndex(task.def as IndexDefinition);
  let seq = 0;
  try {
    const snap = JSON.parse(await readFile(snapshotPath(task.dir, task.name), 'utf8')) as IndexSnapshot;
    index.restore(snap);
    seq = snap.seq ?? 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  let buf: Buffer = Buffer.alloc(0);
  if (task.logEnd > 0) {
    const fh = await open(logPath(task.dir, task.name), 'r');
    try {
      buf = Buffer.alloc(task.logEnd);
      const { bytesRead } = await fh.read(buf, 0, task.logEnd, 0);
      buf = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }
  const r = replay(index, parseLog(buf).ops, seq);
  const json = JSON.stringify({ ...index.snapshot(), seq: r.seq });
  await writeSynced(task.out, json);
  return { seq: r.seq, documents: index.size, bytes: Buffer.byteLength(json), gap: r.gap };
}

/** Truncates a log to its valid prefix (after a torn append) and syncs it. */
export async function cutLog(path: string, validBytes: number): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.truncate(validBytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function unlinkIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

export type { FileHandle };
