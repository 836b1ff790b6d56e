import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { profileHtml } from '../gateway/profile-html.js';
import { profileSheet, type ProfileData } from '../gateway/profile-sheet.js';
import { graphql } from './client.js';

const TITLE = 'Informelle Regionalentwicklung im Münsterland';
const profile = (path: string) => fetch(`${inject('gatewayUrl')}/profiles/${path}`);

/** Writes a PDF to a temporary file and runs one of poppler's tools on it (installed by scripts/ensure-chromium.sh). */
function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo', pdf: Buffer, ...args: string[]): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-'));
  try {
    const file = path.join(folder, 'sheet.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The lines a PDF shows, as poppler reads them back (only possible when every glyph maps to Unicode). */
const pdfLines = (pdf: Buffer) => poppler('pdftotext', pdf).split('\n').map((line) => line.trim()).filter(Boolean);

async function sheetPdf(slug: string): Promise<Buffer> {
  const response = await profile(`${slug}.pdf`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await response.arrayBuffer());
}

describe('profile sheets', () => {
  it('serves the cooperation as published: one series of figures with source and date, its Stichworte and partners, no sample record', async () => {
    const pdf = await sheetPdf('informelle-regionalentwicklung-im-muensterland');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const lines = pdfLines(pdf);
    expect(lines[0]).toBe(TITLE);
    const text = lines.join('\n');
    for (const heading of ['Stichworte:', 'Hauptverantwortlich:', 'Sonstige Beteiligte:', 'Kurzprofil:', 'Anlass:', 'Ziel:', 'Umsetzung:', 'Finanzierung:', 'Rechtsform:', 'Zusammenarbeit seit:', 'Kontakt:']) {
      expect(text).toContain(heading);
    }
    // The published profile's series (IT.NRW, 31.12.2020) for both figures; Zensus 2022 on its own dated line.
    expect(text).toContain('Einwohner: 371.898 (IT.NRW, 31.12.2020)');
    expect(text).toContain('Fläche: 1.420,98 km² (IT.NRW, 31.12.2020)');
    expect(text).not.toMatch(/Einwohner: 374\.418/);
    expect(text).toMatch(/Einwohner nach Zensus 2022.*: 374\.418 \(Stichtag 15\.05\.2022/);
    // Stichworte as published: the distinction only, none of the keywords added earlier.
    const stichworte = lines.slice(lines.indexOf('Stichworte:') + 1, lines.indexOf('Hauptverantwortlich:'));
    expect(stichworte).toEqual(['Teilnehmer Landespreis Wirtschaftsförderung']);
    // Partners under the title in the published order; the Münsterland e.V. alone under "Sonstige Beteiligte".
    expect(lines[1]).toBe('Kreis Borken, Kreis Coesfeld, Kreis Warendorf, Kreis Steinfurt, Stadt Münster');
    expect(lines.slice(lines.indexOf('Sonstige Beteiligte:') + 1, lines.indexOf('Kurzprofil:'))).toEqual(['Münsterland e.V.']);
    expect(text).not.toContain('Beispiel');
    expect(text).toContain('Quelle für Text und Bild: Kreis Borken');
    expect(text).toMatch(/Seite 1 von \d/);
    // The area it covers, on the map of the coverage maps.
    expect(text).toContain('Gebiet des Projekts: 66 von 66 Gemeinden des Münsterlandes.');
    expect(text).toContain('Verwaltungsgrenzen: © GeoBasis-DE / BKG (2021)');
  });

  it('is an accessible PDF: tagged PDF/UA, title and language set, only embedded Unicode fonts', async () => {
    const pdf = await sheetPdf('informelle-regionalentwicklung-im-muensterland');
    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/^Title:\s+Informelle Regionalentwicklung im Münsterland$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    expect(poppler('pdfinfo', pdf, '-meta')).toContain('<pdfuaid:part>1</pdfuaid:part>');
    const structure = poppler('pdfinfo', pdf, '-struct');
    expect(structure).toMatch(/^Document$/m);
    expect(structure).toContain('H1');
    expect(structure).toContain('H2');
    expect(structure).toMatch(/Figure/);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (de-DE)');
    expect(raw).toContain('/DisplayDocTitle true');

    // pdffonts: a header of two lines, then one line per font with emb, sub and uni columns.
    const fonts = poppler('pdffonts', pdf).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatch(/DejaVuSans/);
      expect(font).toMatch(/\syes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });

  it('serves the same profile as an escaped HTML page', async () => {
    const response = await profile('informelle-regionalentwicklung-im-muensterland.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain(`<title>${TITLE}</title>`);
    expect(html).toContain('<h2>Kurzprofil</h2>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('href="informelle-regionalentwicklung-im-muensterland.pdf"');
    expect(html).not.toContain('Beispiel: Wissenstransfer im Arbeitskreis');
    expect(html).toMatch(/<figure class="map"><svg [^>]*role="img"/);
    expect(html.match(/data-covered="true"/g)).toHaveLength(66);
    // Sample records only when asked for.
    const withSamples = await (await profile('informelle-regionalentwicklung-im-muensterland.html?includeSamples=true')).text();
    expect(withSamples).toContain('Beispiel: Wissenstransfer im Arbeitskreis');
  });

  it('keeps hostile data inert in HTML: text escaped, only http(s) links', () => {
    const evil = '<script>alert("x")</script> & \'quoted\'';
    const data: ProfileData = {
      slug: 'x', title: evil, summary: evil, keywords: [evil], distinctions: [], occasion: evil, goal: null, implementation: null,
      financing: null, legalForm: null, cooperatingSince: null, sourceAttribution: evil, sourceUrl: 'javascript:alert(1)', profileUrl: 'http://localhost/x.pdf',
      updatedAt: '2026-01-01T00:00:00Z', isSample: false,
      contact: { name: evil, street: null, postalCode: null, city: null, phone: null, email: null, website: 'javascript:alert(1)' },
      funding: [], topics: [], lead: null, participants: [{ role: 'PARTNER', note: evil, organization: { name: evil } }], resources: [],
    };
    const html = profileHtml(profileSheet(data), 'x.pdf');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
  });

  it('renders a LEADER region without lead organization', async () => {
    const text = pdfLines(await sheetPdf('leader-region-baumberge')).join('\n');
    expect(text).toContain('LEADER-Region Baumberge');
    expect(text).toContain('599.919');
  });

  it('answers 404 with a clear message for unknown and malformed slugs', async () => {
    for (const path of ['gibt-es-nicht.pdf', 'gibt-es-nicht.html']) {
      const response = await profile(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('No project with the slug "gibt-es-nicht"');
    }
    for (const path of ['Informelle.pdf', 'informelle-regionalentwicklung-im-muensterland.docx', '%3Cscript%3E.html', '..%2F..%2Fetc%2Fpasswd.pdf', `${'a'.repeat(200)}.pdf`]) {
      const response = await profile(path);
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).toContain('/profiles/<project-slug>.pdf');
      expect(body).not.toContain('<script>');
    }
  });

  it('links each project to its sheet with profileUrl', async () => {
    const { data } = await graphql(`{ project(slug: "informelle-regionalentwicklung-im-muensterland") { profileUrl } }`);
    expect(data.project.profileUrl).toMatch(/^https?:\/\/[^/]+\/profiles\/informelle-regionalentwicklung-im-muensterland\.pdf$/);
  });
});
