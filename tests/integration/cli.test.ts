// @vitest-environment node
// The command line the external checks call: no server, database or environment variable.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVignettes } from '../vignettes';

const ROOT = path.resolve(__dirname, '../..');
const cleanEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test' };
const evaluate = (args: string[], input?: string) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/evaluate.ts'), ...args], { cwd: ROOT, env: cleanEnv, input, encoding: 'utf8' });

describe('npm run evaluate', () => {
  it('prints the evaluation for standard input and exits 0', () => {
    const v = loadVignettes().find((x) => x.id === 'V09')!;
    const run = evaluate(['-'], JSON.stringify(v.input));
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { derived: { egfr: { value: number } }; rulesVersion: string };
    expect(out.rulesVersion).toBe('1.1.0');
    expect(out.derived.egfr.value).toBeCloseTo(34.9, 1);
  });

  it('prints a JSON error with issues and exits 2 on invalid input', () => {
    const run = evaluate(['-'], JSON.stringify({ patient: { ageYears: -1, sex: 'female' } }));
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: 'invalid-input', issues: [{ path: 'patient.ageYears', message: 'Age must be 0 to 120 years' }] });
  });

  it('exits 2 on malformed JSON and on a missing file', () => {
    expect(evaluate(['-'], '{').status).toBe(2);
    expect(evaluate([path.join(ROOT, 'no-such-file.json')]).status).toBe(2);
  });
});
