export const ROOT: string;
export const TOOLS_BIN: string;
export const FERRETDB_VERSION: string;
export const STRIPE_MOCK_VERSION: string;
export function installFerretDB(): string;
export function installStripeMock(): string;
export function freePort(): Promise<number>;
export interface RunningService {
  stop: () => Promise<void>;
}
export function startFerretDB(opts?: { dataDir?: string; port?: number }): Promise<RunningService & { uri: string; port: number; dataDir: string }>;
export function startStripeMock(opts?: { port?: number }): Promise<RunningService & { url: string; host: string; port: number }>;
