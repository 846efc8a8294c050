export const ROOT: string;
export const TOOLS_BIN: string;
export const FERRETDB_VERSION: string;
export const STRIPE_MOCK_VERSION: string;
export const PG_DATABASE: string;
export const FERRETDB_PG_POOL: number;
export const PG_MAX_CONNECTIONS: number;
export function installFerretDB(): string;
export function installStripeMock(): string;
export function freePort(): Promise<number>;
export function pingMongo(port: number, timeoutMs?: number): Promise<Record<string, unknown>>;
export interface RunningService {
  stop: () => Promise<void>;
}
export type StoreBackend = 'postgresql' | 'sqlite';
export function storeBackend(): StoreBackend;
export function pgBinDir(opts?: { pgDir?: string }): string;
export function pgUrlFor(port: number, database?: string): string;
export function pgClientEnv(): NodeJS.ProcessEnv;
export function runningPostmaster(pgDir: string): { pid: number; port: number } | undefined;
export function psql(bin: string, port: number, sql: string, database?: string): Promise<{ code: number | null; stdout: string; stderr: string }>;
export function startPostgres(opts: {
  dataDir: string;
  durable?: boolean;
  cleanup?: boolean;
  maxConnections?: number;
}): Promise<
  RunningService & { port: number; pid: number; pgDir: string; bin: string; pgUrl: string; dataDir: string; initdbMs: number; startMs: number; tail: () => string }
>;
export function startFerretDB(opts?: { dataDir?: string; port?: number; durable?: boolean }): Promise<
  RunningService & {
    uri: string;
    port: number;
    dataDir: string;
    backend: StoreBackend;
    /** FerretDB's PostgreSQL database (postgresql backend only). */
    pgUrl?: string;
    pgPort?: number;
    timings: { initdbMs?: number; postgresMs?: number; ferretdbMs?: number; totalMs: number };
  }
>;
export function startStripeMock(opts?: { port?: number }): Promise<RunningService & { url: string; host: string; port: number }>;
