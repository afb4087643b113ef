/**
 * Command-line evaluation (contract: shared/contract/EVALUATION.md):
 *   npm run --silent evaluate -- FILE.json     (or "-" for standard input)
 * Prints the evaluation as JSON and exits 0; invalid input prints
 * { "error": "invalid-input", "issues": [...] } and exits 2. Needs no server, database or
 * environment variable. Without asOf in the input, today's date (UTC) is used.
 */
import { readFileSync } from 'node:fs';
import { evaluateFindings, parseEvaluationInput } from '../lib/rules';

function fail(code: number, body: unknown): never {
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  process.exit(code);
}

const arg = process.argv[2];
if (!arg) fail(2, { error: 'usage', issues: [{ path: '', message: 'usage: npm run --silent evaluate -- FILE.json (or - for standard input)' }] });

let text: string;
try {
  text = readFileSync(arg === '-' ? 0 : arg, 'utf8');
} catch (e) {
  fail(2, { error: 'unreadable-input', issues: [{ path: '', message: `cannot read ${arg}: ${(e as Error).message}` }] });
}

let raw: unknown;
try {
  raw = JSON.parse(text);
} catch (e) {
  fail(2, { error: 'invalid-input', issues: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }] });
}

const parsed = parseEvaluationInput(raw);
if (!parsed.ok) fail(2, { error: 'invalid-input', issues: parsed.issues });
// The engine never reads the clock; the command line supplies today when the input has no date.
const asOf = parsed.data.asOf ?? new Date().toISOString().slice(0, 10);
process.stdout.write(`${JSON.stringify(evaluateFindings(parsed.data, { asOf }), null, 2)}\n`);
