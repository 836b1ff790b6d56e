/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser.
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PLAYGROUND_LINE_WIDTH, PLAYGROUND_TABS } from '../gateway/playground-examples.js';
import { tokenFor } from './client.js';

/** The offline playground in a real browser: Debian's chromium, driven by playwright-core. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(import.meta.dirname, '..', 'test-results');

/** What each saved operation must answer (a text its result shows). */
const EXPECTED: Record<string, string> = {
  ExploreTheRegion: '"totalCount": 17',
  MyProjects: 'Informelle Regionalentwicklung im Münsterland',
  RenameProject: '"updatedBy": "kreis-borken"',
  Coverage: 'Wadersloh',
  Statistics: '"byDistrict"',
  Search: 'informelle-regionalentwicklung-im-muensterland',
};

/** The CodeMirror 5 instances of GraphiQL 4: 0 query, 1 variables, 2 headers, 3 result. */
const setEditor = (page: Page, index: number, value: string) =>
  page.evaluate(([i, text]) => (document.querySelectorAll('.CodeMirror')[i as number] as any).CodeMirror.setValue(text), [index, value] as const);
// The result editor renders only the lines in view: its text comes from CodeMirror.
const result = (page: Page): Promise<string> => page.evaluate(() => (document.querySelectorAll('.CodeMirror')[3] as any).CodeMirror.getValue());

/**
 * Puts the cursor on an operation's first line, as a person clicking it would, and presses
 * Ctrl-Enter. GraphiQL updates the operation under the cursor a moment after the click; pressed
 * too soon it sends the name picked before (answered "Unknown operation named …"): a person
 * would press again, and so does this.
 */
async function runOperation(page: Page, name: string, expected: string) {
  const line = page.locator('.graphiql-query-editor .CodeMirror-line', { hasText: new RegExp(`^(query|mutation) ${name}\\b`) });
  // CodeMirror renders only the lines in view: scroll the operation's first line into it.
  await page.evaluate((operation) => {
    const editor = (document.querySelectorAll('.CodeMirror')[0] as any).CodeMirror;
    const index = editor.getValue().split('\n').findIndex((text: string) => new RegExp(`^(query|mutation) ${operation}\\b`).test(text));
    editor.scrollIntoView({ line: index, ch: 0 }, 100);
  }, name);
  for (let attempt = 1; ; attempt += 1) {
    await setEditor(page, 3, '');
    await line.click();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => result(page), { timeout: 20_000 }).toMatch(new RegExp(`${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|Unknown operation named`));
    if (!(await result(page)).includes('Unknown operation named') || attempt === 3) return;
  }
}

describe('playground', () => {
  let browser: Browser;
  let page: Page;
  const external: string[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(inject('gatewayUrl')) && !request.url().startsWith('data:')) external.push(request.url());
    });
    await page.goto(`${inject('gatewayUrl')}/`);
  });
  afterAll(async () => {
    // The last answer shown, for people to look at.
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page?.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
    await browser?.close();
  });

  it('keeps every line of the saved operations inside the editor', async () => {
    for (const tab of PLAYGROUND_TABS) for (const line of tab.query.split('\n')) expect(line.length, line).toBeLessThanOrEqual(PLAYGROUND_LINE_WIDTH);
    // And in the browser: no comment runs under the editor's right edge (nor under its buttons).
    for (const name of ['ExploreTheRegion', 'MyProjects', 'Coverage']) {
      await page.locator('.graphiql-tab', { hasText: name }).click();
      const overflow = await page.evaluate(() => {
        const editor = document.querySelector('.graphiql-query-editor .CodeMirror-scroll')!.getBoundingClientRect();
        const toolbar = document.querySelector('.graphiql-toolbar')!.getBoundingClientRect();
        return [...document.querySelectorAll('.graphiql-query-editor .CodeMirror-line')]
          .filter((line) => line.textContent!.startsWith('#'))
          .map((line) => {
            const range = document.createRange();
            range.selectNodeContents(line);
            return { text: line.textContent, right: range.getBoundingClientRect().right };
          })
          .filter(({ right }) => right > Math.min(editor.right, toolbar.left));
      });
      expect(overflow).toEqual([]);
    }
  });

  it('loads the schema with every limit on: the docs explorer lists Query with project', async () => {
    await page.locator('button[aria-label="Show Documentation Explorer"]').click({ timeout: 20_000 });
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.locator('a', { hasText: /^Query$/ }).first().click({ timeout: 20_000 });
    await expect.poll(() => docs.innerText(), { timeout: 20_000 }).toMatch(/\bproject\(\s*id: ID\s*slug: String\s*\): Project/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-docs.png') });
    await page.locator('button[aria-label="Hide Documentation Explorer"]').click();
  });

  it('offers project when typing `{ proj` (autocompletion from the schema)', async () => {
    await page.locator('button[aria-label="New tab"]').click();
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('{ proj');
    const hints = page.locator('.CodeMirror-hints .CodeMirror-hint');
    await expect.poll(() => hints.allInnerTexts(), { timeout: 10_000 }).toContain('project');
    await page.keyboard.press('Escape');
    await page.locator('.graphiql-tab', { hasText: '<untitled>' }).locator('button[aria-label="Close Tab"]').click();
  });

  it('opens with the saved operations and no placeholder header', async () => {
    await expect.poll(() => page.locator('.graphiql-tab').allInnerTexts()).toEqual(['ExploreTheRegion', 'MyProjects', 'Coverage']);
    await page.locator('.graphiql-tab', { hasText: 'MyProjects' }).click();
    const headers = await page.evaluate(() => (document.querySelectorAll('.CodeMirror')[2] as any).CodeMirror.getValue());
    expect(headers.trim()).toBe('');
    expect(await page.locator('.graphiql-query-editor').innerText()).toContain('npm run -s token -- --org kreis-borken --role editor');
  });

  it('runs every saved operation and shows its answer', async () => {
    const ran: string[] = [];
    for (const [index, tab] of PLAYGROUND_TABS.entries()) {
      await page.locator('.graphiql-tab').nth(index).click();
      await expect.poll(() => page.evaluate(() => (document.querySelectorAll('.CodeMirror')[0] as any).CodeMirror.getValue())).toBe(tab.query);
      const operations = parse(tab.query).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
      for (const name of operations) {
        if (name === 'RenameProject') {
          // What the tab's comments tell a partner to do: a token in Headers, id and version in Variables.
          const mine = JSON.parse(await result(page)).data.organization.projects[0];
          await setEditor(page, 2, JSON.stringify({ Authorization: `Bearer ${await tokenFor('kreis-borken', 'editor')}` }));
          await setEditor(page, 1, JSON.stringify({ id: mine.id, version: mine.version, title: mine.title }, null, 2));
        }
        await runOperation(page, name, EXPECTED[name]);
        expect(await result(page)).toContain(EXPECTED[name]);
        expect(await result(page)).not.toContain('"errors"');
        ran.push(name);
      }
    }
    expect(ran).toEqual(Object.keys(EXPECTED));
  });

  it('loads nothing from outside the gateway', () => {
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
