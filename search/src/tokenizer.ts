/**
 * One tokenizer for indexing, querying and highlighting: Intl.Segmenter word granularity (which
 * splits Chinese into dictionary words: 锂电池正极材料 → 锂|电池|正极|材料), NFKC-normalised and
 * lower-cased, so index and query always split the same way.
 */

export interface Token {
  term: string;
  /** UTF-16 offsets of the token in the original text. */
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Function words that carry no meaning for search; dropped from index and query alike. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'of', 'on', 'or',
  'the', 'to', 'with', 'its', 'it', 'this', 'that', 'via',
  '的', '了', '和', '与', '及', '或', '之', '在', '对', '等', '其', '并', '将', '为', '由',
]);

const PLAIN_LATIN = /^[a-z]+$/;

/**
 * English plurals folded to the singular, so "batteries", "AGVs" and "robots" find "battery",
 * "AGV" and "robot" (a typo budget cannot: "batteries" is two edits from "battery", "agvs" too short
 * for one). Only the plural ending is touched — ies → y, (s|x|z|ch|sh)es → …, s → ∅ — and only on
 * lower-case Latin words of four letters or more that do not end in -ss, -us or -is (process,
 * status, analysis). Index, query and the matcher's keyword check all fold the same way.
 */
export function singular(term: string): string {
  if (term.length < 4 || !term.endsWith('s') || !PLAIN_LATIN.test(term)) return term;
  if (/(?:ss|us|is)$/.test(term)) return term;
  if (/[^aeiou]ies$/.test(term) && term.length > 4) return `${term.slice(0, -3)}y`;
  if (/(?:[sxz]|ch|sh)es$/.test(term)) return term.slice(0, -2);
  return term.slice(0, -1);
}

/** NFKC (full-width → half-width) and lower case. */
export function normalize(text: string): string {
  // NFKC is only needed outside plain ASCII (full-width letters and digits, ligatures…).
  return (/^[\t\n\r\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKC')).toLowerCase();
}

/**
 * Runs of CJK script go through Intl.Segmenter (dictionary words); everything else is split by a
 * regular expression into letter/digit words (keeping `3.5mm`, `it's`), which gives the same
 * words as the segmenter for Latin text at a fraction of its cost — indexing 100k listings spends
 * most of its time here.
 */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
// The `v` flag (set subtraction) is built with the constructor: TypeScript's ES2023 target rejects the literal.
const RUNS = new RegExp(`([${CJK}]+)|([[\\p{L}\\p{N}\\p{M}]--[${CJK}]]+(?:[.'’_][[\\p{L}\\p{N}\\p{M}]--[${CJK}]]+)*)`, 'gv');

/**
 * Segmented CJK runs (a run is the text between two non-CJK characters: a clause, a keyword, a
 * title), as flat [term, start, end, …] relative to the run. Listings repeat their runs — keywords,
 * field names, 一种…的制备方法, boilerplate sentences — and Intl.Segmenter was the largest single
 * cost of indexing, so segmented runs are remembered: bounded, oldest out first. Same words.
 */
const RUN_CACHE_LIMIT = 20_000;
/** Longer runs are segmented every time (rarely repeated, and large to keep). */
const RUN_CACHE_MAX_LENGTH = 32;
const runCache = new Map<string, readonly (string | number)[]>();

function segmentRun(run: string): readonly (string | number)[] {
  const cached = runCache.get(run);
  if (cached) return cached;
  const out: (string | number)[] = [];
  for (const seg of segmenter.segment(run)) {
    if (!seg.isWordLike) continue;
    const term = normalize(seg.segment);
    if (term && !STOP_WORDS.has(term)) out.push(term, seg.index, seg.index + seg.segment.length);
  }
  if (run.length <= RUN_CACHE_MAX_LENGTH) {
    if (runCache.size >= RUN_CACHE_LIMIT) runCache.delete(runCache.keys().next().value as string);
    runCache.set(run, out);
  }
  return out;
}

function scan(text: string, emit: (term: string, start: number, end: number) => void): void {
  RUNS.lastIndex = 0;
  for (let m = RUNS.exec(text); m !== null; m = RUNS.exec(text)) {
    if (m[1] !== undefined) {
      const segs = segmentRun(m[1]);
      for (let i = 0; i < segs.length; i += 3) emit(segs[i] as string, m.index + (segs[i + 1] as number), m.index + (segs[i + 2] as number));
    } else {
      const term = singular(normalize(m[0]));
      if (term && !STOP_WORDS.has(term)) emit(term, m.index, m.index + m[0].length);
    }
  }
}

/**
 * The Latin words of `text`, normalised and singular — without segmenting (or normalising) its
 * Chinese: the matcher's whole-word check on candidate texts.
 */
export function latinWords(text: string): Set<string> {
  const out = new Set<string>();
  RUNS.lastIndex = 0;
  for (let m = RUNS.exec(text); m !== null; m = RUNS.exec(text)) if (m[2] !== undefined) out.add(singular(normalize(m[2])));
  return out;
}

/** Tokens with their offsets in `text` (NFKC can change lengths, so only terms are normalised). */
export function tokenizeWithOffsets(text: string): Token[] {
  const out: Token[] = [];
  scan(text, (term, start, end) => out.push({ term, start, end }));
  return out;
}

/** The normalised terms of `text`, stop words removed, in order (duplicates kept). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  scan(text, (term) => out.push(term));
  return out;
}

const LATIN_WORD = /^[a-z]+$/;

/** A term made only of Latin letters (the only terms that get typo tolerance). */
export function isLatinWord(term: string): boolean {
  return LATIN_WORD.test(term);
}

/** Minimum length of a Latin word before one typo is tolerated (Meilisearch `oneTypo` too). */
export const MIN_WORD_SIZE_FOR_TYPO = 5;

/** Edit distance tolerated for a query term: 1 for Latin words of 5+ letters, else 0. */
export function typoBudget(term: string): 0 | 1 {
  return term.length >= MIN_WORD_SIZE_FOR_TYPO && isLatinWord(term) ? 1 : 0;
}
