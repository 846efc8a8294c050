export const WEB: string;
export const WEB_DIST: string;
export const STAMP_FILE: string;
export interface BuildStamp {
  mode: string;
  publicFiles: string[];
  inputs: Record<string, string>;
}
export function buildStamp(moduleIds: Iterable<string>, mode: string): BuildStamp;
export function writeBuildStamp(outDir: string, stamp: BuildStamp): void;
export function webBuildStatus(dist?: string, root?: string): { fresh: true } | { fresh: false; reason: string };
export function buildWeb(opts?: { outDir?: string; env?: NodeJS.ProcessEnv; stdio?: 'pipe' | 'inherit' }): Promise<{ code: number; output: string }>;
