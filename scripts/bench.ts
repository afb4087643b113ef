/**
 * Benchmarks (npm run bench). Measures, never asserts:
 *  - the rules engine over the clinical-case inputs (validated once, then evaluated; and validate + evaluate);
 *  - the medication matcher over a 20-line list.
 * Single-threaded: one core. Every figure is printed with the machine it ran on (CPU model, cores, Node,
 * load average). Figures are recorded in docs/BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks';
import { evaluateFindings, matchMedications, parseEvaluationInput, type TEvaluationInput } from '../lib/rules';
import { loadVignettes } from '../tests/vignettes';
import { machineLine } from './machine.mjs';

function measure(name: string, fn: () => void, unit: string, perCall = 1, minMs = 2000): void {
  for (let i = 0; i < 2000; i++) fn(); // warm-up: let the JIT settle
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 200; i++) fn();
    calls += 200;
  }
  const ms = performance.now() - start;
  const rate = (calls * perCall * 1000) / ms;
  console.log(`${name.padEnd(58)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} ${unit}/s  (${((ms * 1000) / (calls * perCall)).toFixed(2)} µs each)`);
  // With every figure: what it ran on (the load average changes while other jobs run).
  console.log(`  measured on ${machineLine()}`);
}

const inputs: TEvaluationInput[] = loadVignettes().map((v) => {
  const parsed = parseEvaluationInput(v.input);
  if (!parsed.ok) throw new Error(`${v.id} does not validate`);
  return parsed.data;
});
const raws = loadVignettes().map((v) => v.input);

const medList = [
  'lisinopril 10 mg daily', 'atorvastatin 40 mg qhs', 'Benadril 25 mg qhs', 'sertraline 50mg PO daily', 'Seroquel XR 300 mg',
  'metformin ER 500 mg bid', 'Tylenol PM', 'Zyrtec', 'omeprazole 20 mg', 'Remeron 15 mg', 'levothyroxine 88 mcg', 'Celebrex 200 mg',
  'amlodipine 5 mg', 'Compazine PRN', 'gabapentin 300 mg tid', 'pramipexole 0.25 mg', 'vitamin D3 2000 IU', 'Seroquil', 'Wellbutrin XL', 'prenatal vitamin',
];

console.log(`${machineLine()}\n${inputs.length} clinical-case inputs, ${medList.length}-line medication list\n`);
let i = 0;
measure('engine: evaluateFindings (validated input)', () => { evaluateFindings(inputs[i++ % inputs.length]!); }, 'evaluations');
let j = 0;
measure('engine: parseEvaluationInput + evaluateFindings', () => {
  const p = parseEvaluationInput(raws[j++ % raws.length]);
  if (p.ok) evaluateFindings(p.data);
}, 'evaluations');
measure('medication matcher: 20-line list', () => { matchMedications(medList); }, 'lists');
