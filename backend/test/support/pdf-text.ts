import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows in its embedded (Type0) fonts, read as a PDF reader copies it: the glyph
 * codes of the page content (`<…> Tj`/`TJ` hex strings) mapped back to characters through the
 * fonts' ToUnicode maps. Enough for the PDFs pdfkit writes (Flate streams, 2-byte codes); the
 * standard fonts' Latin text is not decoded.
 */
export function pdfEmbeddedText(pdf: Buffer): string {
  const streams: string[] = [];
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
  }
  const unicode = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const utf16 = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map((u) => hex(u)));
  for (const s of streams.filter((s) => s.includes('begincmap'))) {
    for (const [, from, to, dst] of s.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const targets = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => utf16(t[1]));
      for (let code = hex(from); code <= hex(to); code++) unicode.set(code, targets[code - hex(from)]);
    }
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, code, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
        unicode.set(hex(code), utf16(dst));
  }
  const text: string[] = [];
  for (const s of streams.filter((s) => /T[jJ]/.test(s) && !s.includes('begincmap')))
    for (const [, array] of s.matchAll(/\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ/g)) {
      const codes = [...array.matchAll(/<([0-9a-fA-F]*)>/g)].flatMap((h) => h[1].match(/.{4}/g) ?? []);
      if (codes.length && codes.every((c) => unicode.has(hex(c))))
        text.push(codes.map((c) => unicode.get(hex(c))).join(''));
    }
  return text.join('\n');
}
