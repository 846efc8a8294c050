// The attachment allowlist, decided by a file's leading bytes ("magic numbers"), not by its name or
// the Content-Type the browser sent: the name's extension must also agree with what the bytes are,
// so an HTML page renamed report.pdf and a PDF renamed page.html are both refused. Pure.

export interface FileKind {
  type: string;
  /** Extensions (lower case, no dot) a file of this kind may carry. */
  exts: readonly string[];
}

const PDF: FileKind = { type: 'application/pdf', exts: ['pdf'] };
const PNG: FileKind = { type: 'image/png', exts: ['png'] };
const JPEG: FileKind = { type: 'image/jpeg', exts: ['jpg', 'jpeg'] };
// Office Open XML files are ZIP archives; the extension says which application opens them.
const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
// Legacy Office (OLE compound documents).
const OLE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

/** What a user reads in the refusal: the accepted kinds. */
export const ACCEPTED_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt'] as const;

const startsWith = (buf: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => buf[at + i] === b);

/** The extension of a file name, lower case, without the dot ('' when it has none). */
export const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
};

/**
 * The MIME type of an allowed file, or why it is refused. `head` is at least the file's first 8 bytes
 * (fewer only when the file is that short).
 */
export function sniffFile(name: string, head: Uint8Array): { type: string } | { problem: string } {
  const ext = extensionOf(name);
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext))
    return { problem: `must be one of ${ACCEPTED_EXTENSIONS.join(', ')} (not .${ext || '(none)'})` };
  let kind: FileKind | null = null;
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) kind = PDF; // %PDF-
  else if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = PNG;
  else if (startsWith(head, [0xff, 0xd8, 0xff])) kind = JPEG;
  else if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) && OOXML[ext]) kind = { type: OOXML[ext]!, exts: [ext] };
  else if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && OLE[ext]) kind = { type: OLE[ext]!, exts: [ext] };
  if (!kind || !kind.exts.includes(ext)) return { problem: `content is not a .${ext} file` };
  return { type: kind.type };
}
