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

/** NFKC (full-width → half-width) and lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Tokens with their offsets in `text`. NFKC can change lengths, so offsets are taken segment by
 * segment on the original text and only the term is normalised.
 */
export function tokenizeWithOffsets(text: string): Token[] {
  const out: Token[] = [];
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const term = normalize(seg.segment);
    if (!term || STOP_WORDS.has(term)) continue;
    out.push({ term, start: seg.index, end: seg.index + seg.segment.length });
  }
  return out;
}

/** The normalised terms of `text`, stop words removed, in order (duplicates kept). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const term = normalize(seg.segment);
    if (term && !STOP_WORDS.has(term)) out.push(term);
  }
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
