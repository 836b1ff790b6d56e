import { escapeHtml } from '../shared/html.js';
import type { Line, ProfileSheet } from './profile-sheet.js';

/** The profile sheet as a self-contained web page; every value from the data is escaped. */
/** `mapSvg`: the project's map as inline SVG, built by this gateway from boundary data only (every name in it escaped). */
export function profileHtml(sheet: ProfileSheet, pdfUrl: string, mapSvg?: string): string {
  const line = ({ text, link }: Line) => (link ? `<a href="${escapeHtml(link)}" rel="noopener noreferrer">${escapeHtml(text)}</a>` : escapeHtml(text));
  const sections = sheet.sections.map((section) => `
    <section>
      <h2>${escapeHtml(section.heading)}</h2>
      ${section.paragraphs.map((lines) => `<p>${lines.map(line).join('<br>')}</p>`).join('\n      ')}
    </section>`).join('');
  return `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(sheet.title)}</title>
  <style>
    body { font-family: Helvetica, Arial, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #222; }
    h1 { font-size: 1.6rem; margin-bottom: .2rem; } .partners { color: #555; margin-top: 0; }
    h2 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; } p { margin: .3rem 0 .6rem; }
    footer { margin-top: 2rem; font-size: .8rem; color: #555; }
    .map svg { width: 100%; height: auto; }
  </style>
</head>
<body>
  <h1>${escapeHtml(sheet.title)}</h1>
  <p class="partners">${escapeHtml(sheet.partners)}</p>${sections}${mapSvg ? `
    <section>
      <h2>Gebiet</h2>
      <figure class="map">${mapSvg}</figure>
    </section>` : ''}
  <footer>
    ${sheet.footer.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n    ')}
    <p><a href="${escapeHtml(pdfUrl)}">Diese Übersicht als PDF herunterladen</a></p>
  </footer>
</body>
</html>
`;
}
