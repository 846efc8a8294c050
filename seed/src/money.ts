/** Money in the demo data is integer fen (1 元 = 100 fen), as everywhere on the platform. */

/** 万元 (ten thousand yuan) to fen: wan(80) = 800,000 元 = 80,000,000 fen. */
export const wan = (tenThousandYuan: number): number => Math.round(tenThousandYuan * 10_000 * 100);

/** fen to 万元, for display in generated text. */
export const fenToWan = (fen: number): number => fen / 1_000_000;
