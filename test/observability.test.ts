import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { tokenFor } from './client.js';

/** Log lines of the running test system that mention `text`, parsed. */
function logLinesWith(text: string): Record<string, any>[] {
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

    // The services write their lines asynchronously: wait for them, not for a fixed time.
    await expect.poll(() => new Set(logLinesWith(requestId!).map((line) => line.service))).toEqual(new Set(['gateway', 'projects', 'organizations', 'knowledge']));
    const lines = logLinesWith(requestId!);
    expect(lines.find((line) => line.service === 'gateway')).toMatchObject({ operation: 'TraceMe', msg: 'graphql request' });

    // No token, no variables, no personal data in any line of the log.
    const everything = fs.readFileSync(inject('systemLog'), 'utf8');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('informelle-regionalentwicklung-im-muensterland"');
    expect(everything).not.toMatch(/@kreis-borken\.de|info@/);
  });
});
