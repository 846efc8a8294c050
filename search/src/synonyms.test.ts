import assert from 'node:assert/strict';
import { CONCEPTS, SYNONYM_CLASSES, expandSynonyms, meiliSynonyms } from './synonyms';
import { tokenize } from './tokenizer';

describe('synonyms', () => {
  it('has at least 100 Chinese–English concept pairs', () => {
    const pairs = CONCEPTS.filter((c) => /\p{Script=Han}/u.test(c.zh) && /^[a-z]/i.test(c.en));
    assert.ok(pairs.length >= 100, `${pairs.length} pairs`);
  });

  it('lists each phrase in one concept only (a shared phrase would merge two concepts in every query)', () => {
    const owner = new Map<string, number>();
    const shared: string[] = [];
    SYNONYM_CLASSES.forEach((cls, i) => {
      for (const phrase of new Set(cls.map((p) => tokenize(p).join(' ')).filter(Boolean))) {
        const before = owner.get(phrase);
        if (before !== undefined && before !== i) shared.push(`${phrase}: ${CONCEPTS[before]?.en} / ${CONCEPTS[i]?.en}`);
        owner.set(phrase, i);
      }
    });
    assert.deepEqual(shared, []);
  });

  it('expands a Chinese phrase to its English synonym', () => {
    const [group] = expandSynonyms(tokenize('锂电池'));
    assert.deepEqual(group?.source, ['锂', '电池']);
    assert.ok(group?.alternatives.some((a) => a.join(' ') === 'lithium battery'));
  });

  it('expands an English phrase to its Chinese synonym', () => {
    const [group] = expandSynonyms(tokenize('Artificial Intelligence'));
    assert.ok(group?.alternatives.some((a) => a.join('') === '人工智能'));
    assert.ok(group?.alternatives.some((a) => a.join('') === 'ai'));
  });

  it('matches the longest phrase first and keeps other words as their own groups', () => {
    const groups = expandSynonyms(tokenize('锂电池正极材料 widget'));
    assert.deepEqual(groups.map((g) => g.source.join('')), ['锂电池', '正极材料', 'widget']);
    assert.deepEqual(groups[2]?.alternatives, [['widget']]);
  });

  it('gives Meilisearch mutual synonyms', () => {
    const m = meiliSynonyms();
    assert.ok(m['锂电池']?.includes('lithium battery'));
    assert.ok(m['lithium battery']?.includes('锂电池'));
    assert.ok(m['graphene']?.includes('石墨烯'));
  });
});
