import PDFDocument from 'pdfkit';
import type { ProfileSheet } from './profile-sheet.js';

/**
 * The profile sheet as an A4 PDF. The standard Helvetica fonts need no font files and cover
 * German (WinAnsi: ä, ö, ü, ß, €, „“). The document title is set in the metadata too.
 */
export function profilePdf(sheet: ProfileSheet): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'de-DE',
    displayTitle: true,
    info: { Title: sheet.title, Subject: 'Projektprofil', Creator: 'Münsterland regional graph', Keywords: 'Regionalentwicklung, Münsterland' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(sheet.title);
  if (sheet.partners) doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#444444').text(sheet.partners).fillColor('black');
  for (const section of sheet.sections) {
    doc.moveDown(0.9).font('Helvetica-Bold').fontSize(11.5).text(`${section.heading}:`, { paragraphGap: 2 });
    doc.font('Helvetica').fontSize(10);
    section.paragraphs.forEach((lines, index) => {
      if (index > 0) doc.moveDown(0.5);
      for (const line of lines) doc.text(line.text, line.link ? { link: line.link, underline: true } : {});
    });
  }
  doc.moveDown(1.5).font('Helvetica').fontSize(8).fillColor('#555555');
  for (const line of sheet.footer) doc.text(line);
  doc.end();
  return done;
}
