/** The text of every page of a PDF, extracted back with pdfjs-dist (tests). */
export async function pdfText(bytes: Buffer | Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const text = await (await doc.getPage(i)).getTextContent();
    pages.push(text.items.map((x) => ('str' in x ? x.str : '')).join(''));
  }
  return pages;
}
