import { NextResponse } from 'next/server';
import { actorForRequest } from '@/lib/auth/actor';
import { getAssessment } from '@/lib/services/assessments';
import { PdfUnavailableError, renderPdf } from '@/lib/services/pdf';

export const dynamic = 'force-dynamic';

/** GET /api/assessments/:id/pdf: the printable checklist, rendered on the server. */
export async function GET(request: Request, { params }: { params: Promise<{ assessmentId: string }> }): Promise<Response> {
  const { assessmentId } = await params;
  const actor = await actorForRequest(request);
  if (!actor) return NextResponse.json({ error: 'unauthenticated' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  const assessment = await getAssessment(actor, assessmentId, 'pdf');
  if (!assessment) return NextResponse.json({ error: 'not-found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  const origin = new URL(request.url).origin;
  const cookies = (request.headers.get('cookie') ?? '').split(';').map((c) => c.trim()).filter(Boolean).map((c) => {
    const i = c.indexOf('=');
    return { name: c.slice(0, i), value: c.slice(i + 1) };
  });
  try {
    const pdf = await renderPdf({ url: `${origin}/assessments/${assessment.id}/print`, cookies });
    return new Response(Buffer.from(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="rls-workup-${assessment.asOf}-${assessment.id}.pdf"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (e) {
    console.error(JSON.stringify({ level: 'error', msg: 'pdf rendering failed', error: (e as Error).message }));
    const message = e instanceof PdfUnavailableError
      ? 'PDF rendering needs Chromium on the server (Debian package chromium). Use the print page instead.'
      : 'The PDF could not be rendered. Use the print page instead.';
    return NextResponse.json({ error: 'pdf-unavailable', message }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
