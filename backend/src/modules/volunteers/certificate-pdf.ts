import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** A font with Chinese glyphs: a file and, for a collection (.ttc), the face's PostScript name. */
export interface CertificateFont {
  path: string;
  face: string;
}

export interface CertificateContent {
  id: string;
  minutes: number;
  entries: number;
  periodFrom: string;
  periodTo: string;
  issuedAt: Date;
  verifyUrl: string;
  /** The volunteer's name, only when they consent to publish it. */
  volunteerName: string | null;
}

/**
 * The certificate font, checked once at start-up: the file when present, else null. In production
 * a missing font stops the start (a certificate would lack the name its holder asked to show);
 * elsewhere `warn` is told and certificates say the name is on the public check.
 */
export function certificateFont(
  font: CertificateFont,
  production: boolean,
  warn: (message: string) => void,
): CertificateFont | null {
  if (existsSync(font.path)) return font;
  const message =
    `The certificate font ${font.path} is missing: install Debian's fonts-noto-cjk or set ` +
    'CERTIFICATE_FONT (and CERTIFICATE_FONT_FACE) to a font with Chinese glyphs';
  if (production) throw new Error(message);
  warn(`${message}. Certificates name no one until then; the public check shows the name.`);
  return null;
}

const hours = (minutes: number) => (minutes / 60).toFixed(1);

/**
 * The certificate as an A4 PDF: the volunteer's name (only with their consent, as on the public
 * check; written in the embedded CJK font), hours, period, entries and a QR code of the
 * verification URL. It says nothing the QR check would not.
 */
export async function certificatePdf(c: CertificateContent, font: CertificateFont | null): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Volunteer service certificate' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(22).text('Volunteer Service Certificate', { align: 'center' });
  doc.moveDown(1.5);
  if (c.volunteerName && font)
    doc.font(font.path, font.face).fontSize(15).text(`志愿者 Volunteer: ${c.volunteerName}`);
  else if (c.volunteerName)
    doc.font('Helvetica').fontSize(13).text('Volunteer: named on the verification page (scan the code)');
  doc.moveDown(0.5).font('Helvetica').fontSize(13);
  doc.text(`Certified volunteer hours: ${hours(c.minutes)} h (${c.minutes} minutes)`);
  doc.text(`Service entries: ${c.entries}`);
  doc.text(`Period: ${c.periodFrom} to ${c.periodTo}`);
  doc.text(`Issued: ${c.issuedAt.toISOString().slice(0, 10)}`);
  doc.text(`Certificate: ${c.id}`);
  doc.moveDown();
  doc
    .fontSize(10)
    .text(
      'Hours count once recorded by the activity organizer and published for 7 days without a standing objection. ' +
        'Scan the code to check this certificate against the issuer.',
    );
  doc.moveDown();
  doc.image(qr, { fit: [180, 180], align: 'center' });
  doc.moveDown().fontSize(8).text(c.verifyUrl, { link: c.verifyUrl });
  doc.end();
  return done;
}
