import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..');
const supergraph = fs.readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');

async function check(baseline: string): Promise<{ code: number; output: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schema-check-')), 'baseline.graphql');
  fs.writeFileSync(file, baseline);
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/check-schema.ts', '--against', file], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error: any) {
    return { code: error.code, output: String(error.stdout) + String(error.stderr) };
  }
}

describe('npm run check (schema governance)', () => {
  it('passes when the composed API equals the baseline', async () => {
    const { code, output } = await check(supergraph);
    expect(code).toBe(0);
    expect(output).toContain('No changes to the API.');
  });

  it('fails with a readable list when a field partners use would disappear', async () => {
    const baseline = supergraph.replace(
      /(type Topic\n[^{]*\{\n)/,
      '$1  """Removed since."""\n  legacyCode: String @join__field(graph: PROJECTS)\n\n',
    );
    expect(baseline).not.toBe(supergraph);
    const { code, output } = await check(baseline);
    expect(code).toBe(1);
    expect(output).toMatch(/Breaking changes[^\n]*\n\s+- Field 'legacyCode' was removed from object type 'Topic'/);
  });
});
