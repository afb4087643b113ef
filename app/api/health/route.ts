import { NextResponse } from 'next/server';
import { RULES_VERSION } from '@/lib/rules';

export const dynamic = 'force-dynamic';

export function GET(): NextResponse {
  return NextResponse.json({ status: 'ok', rulesVersion: RULES_VERSION }, { headers: { 'Cache-Control': 'no-store' } });
}
