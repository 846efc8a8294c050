import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../errors';

// One way to start a PDF with Chinese text: Noto Sans CJK from Debian's fonts-noto-cjk
// (installed by scripts/install-system.sh), embedded and subset by pdfkit (only the glyphs used).
// Contracts and the annual report both start their documents here.

/** Debian's fonts-noto-cjk; the collection's Simplified Chinese face. */
export const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const CJK_FONT_NAME = 'NotoSansCJKsc-Regular';

let fontBytes: Buffer | null = null;

/** The font file's bytes, read once per process (pdfkit parses a Buffer ~3× faster than a path it reads itself). */
function cjkFont(): Buffer {
  fontBytes ??= readFileSync(CJK_FONT_FILE);
  return fontBytes;
}

/** A pdfkit document with the CJK font registered as `cjk` and selected, and its bytes once `end()` is called. */
export function cjkDocument(options: PDFKit.PDFDocumentOptions, what = 'PDFs'): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  if (!fontBytes && !existsSync(CJK_FONT_FILE)) throw new AppError(503, 'pdf_font_missing', `The CJK font for ${what} is not installed (fonts-noto-cjk)`);
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFont(), CJK_FONT_NAME);
  doc.font('cjk');
  return { doc, bytes };
}
