import assert from 'node:assert/strict';
import { AchievementInput } from '../achievements/achievements.schemas';
import { DemandInput } from '../demands/demands.schemas';
import { achievementInput, demandInput } from '../../test/factories';
import { text } from './schemas';

/** Issue 14, item 4: text that means nothing is refused. */
describe('text inputs', () => {
  const fieldOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues[0]?.path.join('.');

  it('refuses a title made only of zero-width, control or (Unicode) whitespace characters as empty', () => {
    for (const empty of ['\u200B\u200C\u200D', '\uFEFF\u2060', ' \u3000\u00A0 ', '\u200B \t\n']) {
      const r = AchievementInput.safeParse(achievementInput({ title: { zh: empty, en: empty } }));
      assert.equal(r.success, false, JSON.stringify(empty));
      assert.equal(fieldOf(r), 'title', JSON.stringify(empty));
      const d = DemandInput.safeParse(demandInput({ description: { zh: empty, en: '' } }));
      assert.equal(d.success, false, JSON.stringify(empty));
      assert.equal(fieldOf(d), 'description');
    }
  });

  it('refuses control characters other than newline and tab, naming the field', () => {
    const r = AchievementInput.safeParse(achievementInput({ title: { zh: '锂电池\u0007工艺', en: '' } }));
    assert.equal(r.success, false);
    assert.equal(fieldOf(r), 'title.zh');
    assert.equal(text(50).safeParse('a\u001Bb').success, false);
    assert.equal(text(50).safeParse('a\u0085b').success, false);
  });

  it('keeps newlines and tabs, strips zero-width characters inside real text', () => {
    assert.equal(text(50).parse('第一行\n第二行\t尾'), '第一行\n第二行\t尾');
    assert.equal(text(50).parse('\u200B锂\u200D电池\uFEFF'), '锂电池');
    assert.equal(text(50).parse('line\r\nnext'), 'line\r\nnext');
  });
});
