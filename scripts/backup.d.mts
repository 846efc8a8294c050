export function dataRoot(): string;
export function backupFileName(at?: Date): string;
export function backup(opts?: { file?: string; pgUrl?: string; dataDir?: string; durable?: boolean }): Promise<{
  file: string;
  bytes: number;
  ms: number;
  /** The MongoDB databases in the archive. */
  databases: string[];
  source: string;
}>;
export function restore(opts: { file: string; dataDir?: string; searchDir?: string; durable?: boolean }): Promise<{
  file: string;
  bytes: number;
  ms: number;
  databases: string[];
  dataDir: string;
  searchDropped: boolean;
}>;
