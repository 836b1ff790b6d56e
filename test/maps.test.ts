import { describe, expect, inject, it } from 'vitest';
import { graphql } from './client.js';

const map = (path: string) => fetch(`${inject('gatewayUrl')}/maps/coverage/${path}`);
const UNCOVERED_BY_LEADER = ['Münster', 'Ahlen', 'Beckum', 'Telgte', 'Wadersloh'];

/** The municipality shapes of an SVG map: AGS, whether covered, and the title naming them. */
function shapes(svg: string) {
  return [...svg.matchAll(/<path d="[^"]+" fill="[^"]+" stroke="[^"]+" stroke-width="[^"]+" data-ags="(\d{8})" data-covered="(true|false)"><title>([^<]*)<\/title><\/path>/g)]
    .map(([, ags, covered, title]) => ({ ags, covered: covered === 'true', title }));
}

describe('coverage maps', () => {
  it('draws the LEADER coverage: 66 municipalities, Kreis borders, the five uncovered named, both shares with the reference date, the attribution', async () => {
    const response = await map('leader.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await response.text();

    const municipalities = shapes(svg);
    expect(municipalities).toHaveLength(66);
    const uncovered = municipalities.filter((shape) => !shape.covered);
    expect(uncovered.map((shape) => shape.title.split(' (')[0]).sort()).toEqual([...UNCOVERED_BY_LEADER].sort());
    for (const shape of uncovered) expect(shape.title).toMatch(/: nicht abgedeckt$/);
    // Two colours, one for each state.
    const fills = (covered: boolean) => new Set([...svg.matchAll(new RegExp(`fill="(#[0-9a-f]{6})"[^>]*data-covered="${covered}"`, 'g'))].map(([, fill]) => fill));
    expect(fills(true).size).toBe(1);
    expect(fills(false).size).toBe(1);
    expect([...fills(true)][0]).not.toBe([...fills(false)][0]);
    // The uncovered ones are also named on the map itself.
    for (const name of UNCOVERED_BY_LEADER) expect(svg).toContain(`class="label">${name}</text>`);
    // Kreis borders: the four Kreise and the kreisfreie Stadt.
    expect([...svg.matchAll(/<g id="districts">([\s\S]*?)<\/g>/g)][0][1].match(/<path /g)).toHaveLength(5);

    expect(svg).toContain('Gemeindeanteil: 61 von 66 Gemeinden (92,4 %)');
    expect(svg).toContain('Einwohneranteil: 73,8 % (Zensus 2022, Stichtag 15.05.2022)');
    expect(svg).toContain('61 of 66 municipalities covered (92.4 %); 73.8 % of the inhabitants (reference date 2022-05-15).');
    expect(svg).toContain('© GeoBasis-DE / BKG (2021)');
    expect(svg).toContain('<title id="map-title">Flächendeckung: LEADER-Regionen</title>');
  });

  it('gives the same map as PNG', async () => {
    const response = await map('leader.png');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200); // width from the IHDR chunk
  });

  it('links topicCoverage to its map with mapUrl', async () => {
    const { data } = await graphql(`{ topicCoverage(topicKey: "leader") { mapUrl municipalityShare } }`);
    expect(data.topicCoverage.mapUrl).toMatch(/^https?:\/\/[^/]+\/maps\/coverage\/leader\.svg$/);
    expect(Math.round(data.topicCoverage.municipalityShare * 1000) / 10).toBe(92.4);
  });

  it('answers 404 for unknown topics and malformed paths', async () => {
    const unknown = await map('gibt-es-nicht.svg');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No topic with the key "gibt-es-nicht"');
    for (const path of ['LEADER.svg', 'leader.gif', '%3Cscript%3E.svg', '..%2F..%2Fetc%2Fpasswd.svg']) {
      const response = await map(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('/maps/coverage/<topicKey>.svg');
    }
  });
});
