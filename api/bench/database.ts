import { startFerretDB } from '../../scripts/services.mjs';

/**
 * A benchmark's own database: on `MONGODB_URI` when set, else on a FerretDB started for the run;
 * always under the database name given, so a run never touches the platform's data.
 */
export async function benchDatabase(name: string): Promise<{ uri: string; stop: () => Promise<void> }> {
  let uri = process.env.MONGODB_URI;
  let stop: () => Promise<void> = async () => undefined;
  if (!uri) {
    const db = await startFerretDB();
    stop = db.stop;
    uri = db.uri;
  }
  const u = new URL(uri);
  u.pathname = `/${name}`;
  return { uri: u.toString(), stop };
}

/** The URI without credentials, for progress lines. */
export const shownUri = (uri: string): string => uri.replace(/\/\/[^@]*@/, '//');
