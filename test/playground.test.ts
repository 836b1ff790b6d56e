import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/** The offline playground in a real browser: Debian's chromium, driven by playwright-core. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(import.meta.dirname, '..', 'test-results');

describe('playground', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(() => browser?.close());

  it('opens GraphiQL from local assets, runs the example operation and shows the result', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(inject('gatewayUrl')) && !request.url().startsWith('data:')) external.push(request.url());
    });
    await page.goto(`${inject('gatewayUrl')}/`);
    await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 20_000 }).toContain('Informelle Regionalentwicklung im Münsterland');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png'), fullPage: true });
    expect(external).toEqual([]);
  });

  it('still serves GraphQL to API clients at /graphql', async () => {
    const response = await fetch(`${inject('gatewayUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ topics { key } }' }),
    });
    expect(response.status).toBe(200);
  });
});
