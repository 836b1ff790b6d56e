import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { ProfileSheet } from './profile-sheet.js';

/**
 * The profile sheet as an accessible A4 PDF (BITV 2.0 asks public bodies for accessible
 * documents): tagged as PDF/UA-1 with a structure tree (Document, H1, H2, P, Link), document
 * title shown in the window, language de-DE, page numbers marked as artifacts, and one Unicode
 * font (DejaVu Sans from the npm package `dejavu-fonts-ttf`) embedded as a subset, so that the
 * file looks the same everywhere and every character can be read back as text.
 */
const require = createRequire(import.meta.url);
const fontFile = (name: string) => fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () => (fonts ??= { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') });

/** A map drawn on the sheet: SVG path data in the box (0, 0)–(width, height), filled shapes first. */
export interface SheetMap {
  width: number;
  height: number;
  /** What the map shows, for readers who cannot see it (the figure's alternative text). */
  alt: string;
  shapes: { path: string; fill: string; stroke: string; strokeWidth: number }[];
  caption: string[];
}

export async function profilePdf(sheet: ProfileSheet, map?: SheetMap): Promise<Buffer> {
  // Loaded on the first sheet, not at start: pdfkit holds about 25 MB a gateway that never renders one would carry.
  const { default: PDFDocument } = await import('pdfkit');
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    subset: 'PDF/UA' as unknown as 'PDF/A-1', // pdfkit supports PDF/UA; @types/pdfkit lists only the PDF/A subsets
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    bufferPages: true,
    // No default font: pdfkit would load Helvetica (a standard font, never embedded), and a font named here is set again on every page break.
    font: null as unknown as string,
    info: { Title: sheet.title, Subject: 'Projektprofil', Creator: 'Münsterland regional graph', Keywords: 'Regionalentwicklung, Münsterland' },
  });
  doc.registerFont('Sans', regular);
  doc.registerFont('Sans-Bold', bold);
  doc.font('Sans');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  root.add(doc.struct('H1', {}, () => { doc.font('Sans-Bold').fontSize(17).fillColor('black').text(sheet.title); }));
  if (sheet.partners) {
    root.add(doc.struct('P', {}, () => { doc.moveDown(0.3).font('Sans').fontSize(9.5).fillColor('#333333').text(sheet.partners).fillColor('black'); }));
  }
  for (const section of sheet.sections) {
    root.add(doc.struct('H2', {}, () => { doc.moveDown(0.8).font('Sans-Bold').fontSize(11).text(`${section.heading}:`, { paragraphGap: 2 }); }));
    section.paragraphs.forEach((lines, index) => {
      const paragraph = doc.struct('P');
      root.add(paragraph);
      for (const line of lines) {
        const draw = () => {
          doc.font('Sans').fontSize(9.5);
          if (index > 0 && line === lines[0]) doc.moveDown(0.5);
          doc.text(line.text, line.link ? { link: line.link, underline: true } : {});
        };
        paragraph.add(line.link ? doc.struct('Link', { alt: line.text }, draw) : doc.struct('Span', {}, draw));
      }
      paragraph.end();
    });
  }
  if (map) drawMap(doc, root, map);
  const footer = doc.struct('P');
  root.add(footer);
  footer.add(doc.struct('Span', {}, () => { doc.moveDown(1.2).font('Sans').fontSize(7.5).fillColor('#444444').text(sheet.footer.join('\n')).fillColor('black'); }));
  footer.end();
  root.end();

  // Page numbers, drawn on every page once all pages exist; marked as artifacts, not content.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not start a new page
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('Sans').fontSize(8).fillColor('#444444')
      .text(`Seite ${index - range.start + 1} von ${range.count}`, 56, doc.page.height - 36, { width: doc.page.width - 112, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** The map as a figure with alternative text; its caption (legend, sources) as text below. */
function drawMap(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, map: SheetMap): void {
  const width = doc.page.width - 112;
  const scale = width / map.width;
  const height = map.height * scale;
  if (doc.y + height + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.8);
  const top = doc.y;
  root.add(doc.struct('Figure', { alt: map.alt }, () => {
    doc.save().translate(56, top).scale(scale);
    for (const shape of map.shapes) {
      doc.path(shape.path).lineWidth(shape.strokeWidth).strokeColor(shape.stroke);
      if (shape.fill === 'none') doc.stroke();
      else doc.fillColor(shape.fill).fillAndStroke();
    }
    doc.restore();
  }));
  doc.x = 56;
  doc.y = top + height + 6;
  const caption = doc.struct('P');
  root.add(caption);
  caption.add(doc.struct('Span', {}, () => { doc.font('Sans').fontSize(8).fillColor('#333333').text(map.caption.join('\n')).fillColor('black'); }));
  caption.end();
}
