import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import './client.js';

/** What `npm start` prints: readable lines at a terminal, JSON lines into a pipe, and where to go next. */
const ROOT = path.join(import.meta.dirname, '..');
const run = promisify(execFile);

describe('npm start in a terminal', () => {
  it('says, once ready, where the playground, the docs and a first query are', () => {
    const log = fs.readFileSync(inject('systemLog'), 'utf8');
    const port = new URL(inject('gatewayUrl')).port;
    expect(log).toContain(`Münsterland regional graph ready in`);
    expect(log).toContain(`  Playground   http://localhost:${port}/  (GraphiQL`);
    expect(log).toContain('  Docs         README.md; partner app tutorial: examples/kreis-website/README.md');
    expect(log).toMatch(/ {2}First query {2}curl -s http:\/\/localhost:\d+\/graphql /);
  });

  it('prints a first query that works when pasted into a shell', async () => {
    const log = fs.readFileSync(inject('systemLog'), 'utf8');
    const command = /^ {2}First query {2}(curl .*)$/m.exec(log)![1];
    const { stdout } = await run('sh', ['-c', command]);
    expect(JSON.parse(stdout).data.project).toEqual({ title: 'Informelle Regionalentwicklung im Münsterland', lead: { name: 'Kreis Borken' } });
  });

  it('writes JSON lines when its output is not a terminal (log collectors, this test run)', () => {
    const lines = fs.readFileSync(inject('systemLog'), 'utf8').split('\n').filter((line) => line.startsWith('{'));
    const gatewayReady = lines.map((line) => JSON.parse(line)).find((entry) => entry.service === 'gateway' && entry.msg === 'gateway ready');
    expect(gatewayReady).toMatchObject({ level: 30, service: 'gateway' });
  });

  it('writes readable lines at a terminal (pino-pretty), one per entry', async () => {
    // `script` gives the service a pseudo-terminal, as a person's shell would.
    const child = spawn('script', ['-qfec', 'node dist/gateway/index.js', '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', LOG_FORMAT: '' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain('gateway ready');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    // eslint-disable-next-line no-control-regex
    const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
    const line = plain.split(/\r?\n/).find((candidate) => candidate.includes('gateway ready'))!;
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d(\.\d+)?\] INFO: \[gateway\] gateway ready /);
    expect(line).not.toContain('{"level"');
  });
});
