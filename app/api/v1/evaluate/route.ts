import { NextResponse } from 'next/server';
import { NO_STORE, apiError, readJson } from '@/lib/api/errors';
import { actorForRequest } from '@/lib/auth/actor';
import { checkSameOrigin, clientAddressOf } from '@/lib/auth/request';
import { logger } from '@/lib/logger';
import { audit, auditAnonymous } from '@/lib/services/audit';
import { evaluateFindings, parseEvaluationInput } from '@/lib/rules';
import { ZEvaluationOutputSchema } from '@/lib/rules/output-schema';
import { todayIso } from '@/lib/services/clock';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

/**
 * POST /api/v1/evaluate: the evaluation contract over HTTP, for a signed-in session or an
 * organisation's API token. Touches no stored patient data.
 */
export async function POST(request: Request): Promise<NextResponse> {
  const actor = await actorForRequest(request, { allowToken: true });
  if (!actor) {
    const detail = request.headers.has('authorization') ? 'unauthenticated: unknown or revoked token' : 'unauthenticated';
    await auditAnonymous(clientAddressOf(request.headers), { action: 'api.evaluate', outcome: 'denied', detail });
    return apiError('unauthenticated');
  }
  // A cookie is sent by the browser on its own: a session-authenticated call must come from this site.
  const origin = actor.via === 'session' ? checkSameOrigin(request.headers) : { ok: true as const };
  if (!origin.ok) {
    await audit(actor, { action: 'api.evaluate', outcome: 'denied', detail: `cross-site: ${origin.reason}`.slice(0, 200) });
    return apiError('forbidden-origin');
  }
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = parseEvaluationInput(body.value);
  if (!parsed.ok) return apiError('invalid-input', parsed.issues);
  try {
    const evaluation = evaluateFindings(parsed.data, { asOf: parsed.data.asOf ?? todayIso() });
    const checked = ZEvaluationOutputSchema.safeParse(evaluation);
    if (!checked.success) {
      logger.error({ issues: checked.error.issues.slice(0, 5) }, 'evaluation output failed the contract');
      return apiError('internal-error');
    }
    await audit(actor, { action: 'api.evaluate', detail: actor.via });
    return NextResponse.json(evaluation, { headers: NO_STORE });
  } catch (e) {
    logger.error({ err: (e as Error).message }, 'evaluation failed');
    return apiError('internal-error');
  }
}
