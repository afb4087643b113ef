import { NextResponse } from 'next/server';
import { NO_STORE, apiError, readJson } from '@/lib/api/errors';
import { evaluateFindings, parseEvaluationInput } from '@/lib/rules';
import { ZEvaluationOutputSchema } from '@/lib/rules/output-schema';
import { todayIso } from '@/lib/services/clock';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

/** POST /api/v1/evaluate: the evaluation contract over HTTP. Touches no stored patient data. */
export async function POST(request: Request): Promise<NextResponse> {
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseEvaluationInput(body.value);
  if (!parsed.ok) return apiError('invalid-input', parsed.issues);
  try {
    const evaluation = evaluateFindings(parsed.data, { asOf: parsed.data.asOf ?? todayIso() });
    const checked = ZEvaluationOutputSchema.safeParse(evaluation);
    if (!checked.success) {
      console.error(JSON.stringify({ level: 'error', msg: 'evaluation output failed the contract', issues: checked.error.issues.slice(0, 5) }));
      return apiError('internal-error');
    }
    return NextResponse.json(evaluation, { headers: NO_STORE });
  } catch (e) {
    console.error(JSON.stringify({ level: 'error', msg: 'evaluation failed', error: (e as Error).message }));
    return apiError('internal-error');
  }
}
