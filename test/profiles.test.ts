import zlib from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { profileHtml } from '../gateway/profile-html.js';
import { profileSheet, type ProfileData } from '../gateway/profile-sheet.js';
import { graphql } from './client.js';

const TITLE = 'Informelle Regionalentwicklung im Münsterland';
const profile = (path: string) => fetch(`${inject('gatewayUrl')}/profiles/${path}`);

/**
 * The text a PDF shows, read back from its content streams: pdfkit writes the standard fonts'
 * text as hex-encoded WinAnsi strings inside `[…] TJ` arrays, one array per line.
 */
function pdfLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    let content: string;
    try {
      content = zlib.inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // not a Flate content stream
    }
    for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push([...array[1].matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1')).join(''));
    }
  }
  return lines;
}

/** The document title from the PDF's Info dictionary (a UTF-16BE string literal). */
function pdfTitle(pdf: Buffer): string | undefined {
  const raw = pdf.toString('latin1');
  const reference = /\/Title (\d+) 0 R/.exec(raw)?.[1];
  const literal = reference && new RegExp(`\\n${reference} 0 obj\\n\\(((?:\\\\.|[^\\\\)])*)\\)`, 's').exec(raw)?.[1];
  if (!literal) return undefined;
  const bytes = Buffer.from(literal.replace(/\\(.)/gs, '$1'), 'latin1');
  return bytes.subarray(2).swap16().toString('utf16le');
}

describe('profile sheets', () => {
  it('serves the cooperation as a PDF whose text and metadata hold the title and the seed\'s sections', async () => {
    const response = await profile('informelle-regionalentwicklung-im-muensterland.pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfTitle(pdf)).toBe(TITLE);

    const lines = pdfLines(pdf);
    expect(lines[0]).toBe(TITLE);
    const text = lines.join('\n');
    for (const heading of ['Stichworte:', 'Hauptverantwortlich:', 'Sonstige Beteiligte:', 'Kurzprofil:', 'Anlass:', 'Ziel:', 'Umsetzung:', 'Finanzierung:', 'Rechtsform:', 'Zusammenarbeit seit:', 'Kontakt:']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Einwohner: 374.418');
    expect(text).toContain('15.05.2022');
    expect(text).toContain('Fläche: 1.420,98 km²');
    expect(text).toContain('Teilnehmer Landespreis Wirtschaftsförderung');
    expect(text).toContain('Quelle für Text und Bild: Kreis Borken');
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
    const response = await profile('leader-region-baumberge.pdf');
    expect(response.status).toBe(200);
    const text = pdfLines(Buffer.from(await response.arrayBuffer())).join('\n');
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
