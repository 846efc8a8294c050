import assert from 'node:assert/strict';
import { FEN_PER_WAN, FEN_PER_YUAN, MAX_FEN, fenToWan, fenToYuan, formatBudget, formatFenZh, formatWan, parseYuan, wanToFen, yuanToFen } from './money';

/** Deterministic fen amounts over every magnitude up to MAX_FEN (a small LCG, no Math.random). */
function sampleFen(n: number): number[] {
  let x = 12345;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const digits = 1 + (i % 13);
    out.push(Math.floor((x / 2 ** 31) * 10 ** digits));
  }
  return out;
}

describe('money: fen ↔ 元 ↔ 万元', () => {
  it('converts the units the forms use', () => {
    assert.equal(FEN_PER_YUAN, 100);
    assert.equal(FEN_PER_WAN, 1_000_000);
    assert.equal(MAX_FEN, 1000 * 10 ** 8 * FEN_PER_YUAN, '1000 亿元');
    assert.equal(wanToFen(80), 80_000_000);
    assert.equal(wanToFen(0.01), 10_000);
    assert.equal(wanToFen(12.345), 12_345_000);
    assert.equal(yuanToFen(123.45), 12_345);
    assert.equal(yuanToFen(0.29), 29); // 0.29 * 100 is 28.999999999999996
    assert.equal(fenToWan(80_000_000), 80);
    assert.equal(fenToYuan(12_345), 123.45);
  });

  it('round-trips every whole fen up to the largest listing amount, through 元 and through 万元', () => {
    for (const fen of [0, 1, 99, 100, 101, 12_345, 999_999, 1_000_001, 80_000_000, MAX_FEN - 1, MAX_FEN, ...sampleFen(2000)]) {
      assert.equal(yuanToFen(fenToYuan(fen)), fen, `${fen} fen through 元`);
      assert.equal(wanToFen(fenToWan(fen)), fen, `${fen} fen through 万元`);
      assert.equal(yuanToFen(-fenToYuan(fen)), -fen || 0, `-${fen} fen through 元`);
    }
  });

  it('rounds half a fen away from zero, on the decimal value rather than its binary approximation', () => {
    assert.equal(Math.round(1.005 * 100), 100); // what a naive conversion gives
    assert.equal(yuanToFen(1.005), 101);
    assert.equal(yuanToFen(-1.005), -101);
    assert.equal(yuanToFen(0.125), 13);
    assert.equal(yuanToFen(0.124), 12);
    assert.equal(wanToFen(1.0000005), 1_000_001);
    assert.equal(wanToFen(5e-7), 1); // exponent notation: half a fen
    assert.equal(wanToFen(4e-7), 0);
    assert.ok(Object.is(yuanToFen(-0.004), 0), 'no negative zero');
  });

  it('keeps negative amounts (differences, refunds) symmetric', () => {
    assert.equal(wanToFen(-80), -80_000_000);
    assert.equal(fenToWan(-80_000_000), -80);
    assert.equal(fenToYuan(-1), -0.01);
  });

  it('is exact for big values and never silently turns an overflow into a number', () => {
    assert.equal(wanToFen(10_000_000), MAX_FEN);
    assert.equal(fenToWan(MAX_FEN), 10_000_000);
    assert.equal(yuanToFen(10_000_000_000_000), 1_000_000_000_000_000);
    // beyond safe integers: still returned, and larger than every validator's maximum
    const huge = wanToFen(1e11);
    assert.equal(huge, 1e17);
    assert.equal(Number.isSafeInteger(huge), false);
    assert.throws(() => wanToFen(1e303), RangeError);
  });

  it('rejects what is not a finite amount with a RangeError', () => {
    for (const bad of [NaN, Infinity, -Infinity, '12', null, undefined] as unknown as number[]) {
      assert.throws(() => yuanToFen(bad), RangeError, `yuanToFen(${String(bad)})`);
      assert.throws(() => wanToFen(bad), RangeError, `wanToFen(${String(bad)})`);
      assert.throws(() => fenToYuan(bad), RangeError, `fenToYuan(${String(bad)})`);
      assert.throws(() => fenToWan(bad), RangeError, `fenToWan(${String(bad)})`);
    }
  });
});

describe('money: amounts typed as text', () => {
  it('reads 元 with separators, 万 and a trailing 元 exactly', () => {
    assert.equal(parseYuan('1'), 100);
    assert.equal(parseYuan('0.1'), 10);
    assert.equal(parseYuan('1,234.56'), 123_456);
    assert.equal(parseYuan('1，234.56 元'), 123_456);
    assert.equal(parseYuan('1.50'), 150);
    assert.equal(parseYuan('1.500'), 150);
    assert.equal(parseYuan('50万'), 50_000_000);
    assert.equal(parseYuan('1.5万元'), 1_500_000);
    assert.equal(parseYuan('1.2345万'), 1_234_500);
    assert.equal(parseYuan('90071992547409.91'), Number.MAX_SAFE_INTEGER);
  });

  it('refuses negative, malformed, finer-than-a-fen and too large amounts', () => {
    for (const bad of ['-5', 'abc', '', '万', '.5', '1e3', '1.2.3', '0.001', '0.0010', '1.23456789万', '90071992547409.92', '99999999999999999999']) {
      assert.equal(parseYuan(bad), undefined, bad);
    }
  });
});

describe('money: display', () => {
  it('shows fen as 万元 in Chinese and compact CNY in English', () => {
    assert.equal(formatWan(80_000_000, 'zh'), '80 万元');
    assert.equal(formatWan(1_250_000_000, 'zh'), '1,250 万元');
    assert.equal(formatWan(12_345, 'zh'), '0.01 万元');
    assert.equal(formatWan(-80_000_000, 'zh'), '-80 万元');
    assert.match(formatWan(80_000_000, 'en'), /CN¥800K/);
    assert.equal(formatWan(null, 'zh'), '');
    assert.equal(formatWan(undefined, 'en'), '');
    assert.equal(formatWan(NaN, 'zh'), '');
  });

  it('writes amounts into match reasons as plain text', () => {
    assert.equal(formatFenZh(MAX_FEN), '1000 亿元');
    assert.deepEqual(formatBudget(50 * FEN_PER_WAN, 100 * FEN_PER_WAN), { zh: '50–100 万元', en: '¥500k–1M' });
  });
});
