import { NextResponse } from 'next/server';
import { actorForRequest } from '@/lib/auth/actor';
import { logger } from '@/lib/logger';
import { getAssessment } from '@/lib/services/assessments';
import { PdfBusyError, PdfTimeoutError, PdfUnavailableError, internalOrigin, pdfQueue, renderPdf } from '@/lib/services/pdf';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** GET /api/assessments/:id/pdf: the printable checklist, rendered on the server (bounded queue). */
export async function GET(request: Request, { params }: { params: Promise<{ assessmentId: string }> }): Promise<Response> {
  const { assessmentId } = await params;
  const actor = await actorForRequest(request);
  if (!actor) return NextResponse.json({ error: 'unauthenticated' }, { status: 401, headers: NO_STORE });
  const assessment = await getAssessment(actor, assessmentId, 'pdf');
  if (!assessment) return NextResponse.json({ error: 'not-found' }, { status: 404, headers: NO_STORE });
  const cookies = (request.headers.get('cookie') ?? '').split(';').map((c) => c.trim()).filter(Boolean).map((c) => {
    const i = c.indexOf('=');
    return { name: c.slice(0, i), value: c.slice(i + 1) };
  });
  try {
    const pdf = await pdfQueue().run(actor.userId, () => renderPdf({ url: `${internalOrigin()}/assessments/${assessment.id}/print`, cookies }));
    return new Response(Buffer.from(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="rls-workup-${assessment.asOf}-${assessment.id}.pdf"`,
        ...NO_STORE,
      },
    });
  } catch (e) {
    if (e instanceof PdfBusyError) {
      const message = e.reason === 'user' ? 'Your previous PDF is still being made. Try again in a moment.' : 'The server is making other PDFs right now. Try again in a moment, or use the print page.';
      return NextResponse.json({ error: 'too-many-requests', message }, { status: 429, headers: { ...NO_STORE, 'Retry-After': String(e.retryAfterSeconds) } });
    }
    logger.error({ err: (e as Error).message, kind: e instanceof PdfTimeoutError ? 'timeout' : 'render' }, 'pdf rendering failed');
    const message = e instanceof PdfUnavailableError
      ? 'PDF rendering needs Chromium on the server (Debian package chromium). Use the print page instead.'
      : 'The PDF could not be rendered. Use the print page instead.';
    return NextResponse.json({ error: 'pdf-unavailable', message }, { status: 503, headers: NO_STORE });
  }
}
