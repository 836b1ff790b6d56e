import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { tokenFor } from './client.js';

/** Log lines of the running test system that mention `text`, parsed. */
async function logLinesWith(text: string): Promise<Record<string, any>[]> {
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the services flush
  return fs
    .readFileSync(inject('systemLog'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(text))
    .map((line) => JSON.parse(line));
}

describe('observability', () => {
  it('a request id created at the gateway appears in the log lines of the gateway and of each subgraph it asked', async () => {
    const token = await tokenFor('kreis-borken', 'editor');
    const response = await fetch(`${inject('gatewayUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `query TraceMe($slug: String!) { project(slug: $slug) { title lead { name people { name email phone } } resources { title } } }`,
        variables: { slug: 'informelle-regionalentwicklung-im-muensterland' },
      }),
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const lines = await logLinesWith(requestId!);
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['gateway', 'projects', 'organizations', 'knowledge']));
    expect(lines.find((line) => line.service === 'gateway')).toMatchObject({ operation: 'TraceMe', msg: 'graphql request' });

    // No token, no variables, no personal data in any line of the log.
    const everything = fs.readFileSync(inject('systemLog'), 'utf8');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('informelle-regionalentwicklung-im-muensterland"');
    expect(everything).not.toMatch(/@kreis-borken\.de|info@/);
  });
});
