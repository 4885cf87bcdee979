import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface CertificateContent {
  id: string;
  minutes: number;
  entries: number;
  periodFrom: string;
  periodTo: string;
  issuedAt: Date;
  verifyUrl: string;
}

const hours = (minutes: number) => (minutes / 60).toFixed(1);

/**
 * The certificate as an A4 PDF: hours, period, entries and a QR code of the verification URL.
 * It names no one (the standard PDF fonts carry no Chinese, and the check page shows the name
 * when its holder consents), so it says nothing the QR check would not.
 */
export async function certificatePdf(c: CertificateContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Volunteer service certificate' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(22).text('Volunteer Service Certificate', { align: 'center' });
  doc.moveDown(1.5).font('Helvetica').fontSize(13);
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
