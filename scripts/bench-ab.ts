/**
 * Same-run A/B of the rules engine against a baseline checkout (npm run bench:ab -- DIR): both engines
 * evaluate the clinical-case inputs in alternating rounds, timed in CPU time; the best round of each is
 * compared, so a noisy, shared machine slows both alike. Measures, never asserts.
 *   git worktree add /tmp/rules-base <commit> && npm run bench:ab -- /tmp/rules-base
 */
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadVignettes } from '../tests/vignettes';

type Engine = { evaluateFindings: (i: unknown) => unknown; parseEvaluationInput: (r: unknown) => { ok: boolean; data?: unknown } };

async function load(dir: string): Promise<Engine> {
  return (await import(pathToFileURL(path.resolve(dir, 'lib/rules/index.ts')).href)) as Engine;
}

/** CPU time (not wall time) per evaluation, in µs: on a shared machine, waiting for a core is not the engine's cost. */
function round(engine: Engine, inputs: unknown[], calls: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) engine.evaluateFindings(inputs[i % inputs.length]);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

const baseDir = process.argv[2];
if (!baseDir) { console.error('usage: npm run bench:ab -- BASELINE_DIR'); process.exit(2); }
const current = await load(path.resolve(import.meta.dirname, '..'));
const baseline = await load(baseDir);
const raws = loadVignettes().map((v) => v.input);
const prep = (e: Engine) => raws.map((r) => { const p = e.parseEvaluationInput(r); if (!p.ok) throw new Error('case does not validate'); return p.data; });
const inA = prep(baseline);
const inB = prep(current);
for (let i = 0; i < 3; i++) { round(baseline, inA, 3000); round(current, inB, 3000); }
const a: number[] = [];
const b: number[] = [];
const rounds = Number(process.env.AB_ROUNDS ?? 15);
// Alternating order within each pair, so neither engine always runs right after the other's garbage.
for (let r = 0; r < rounds; r++) {
  if (r % 2 === 0) { a.push(round(baseline, inA, 5000)); b.push(round(current, inB, 5000)); }
  else { b.push(round(current, inB, 5000)); a.push(round(baseline, inA, 5000)); }
}
const best = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
console.log(`${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`baseline ${baseDir}: best ${best(a).toFixed(2)} µs, median ${median(a).toFixed(2)} µs CPU per evaluation (${Math.round(1e6 / best(a)).toLocaleString('en-US')}/s)`);
console.log(`current:  best ${best(b).toFixed(2)} µs, median ${median(b).toFixed(2)} µs CPU per evaluation (${Math.round(1e6 / best(b)).toLocaleString('en-US')}/s)`);
const paired = median(a.map((x, i) => b[i]! / x));
console.log(`current / baseline: best ${(best(b) / best(a)).toFixed(3)}, median ${(median(b) / median(a)).toFixed(3)}, median of paired rounds ${paired.toFixed(3)} (${rounds} rounds)`);
