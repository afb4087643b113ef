/** Admin forms: API tokens and the audit report filter. */
import { z } from 'zod';

export const ZApiTokenFormSchema = z.object({
  name: z.string().trim().min(3, 'Name the token (at least 3 characters)').max(80, 'At most 80 characters').regex(/^[\w .,()-]+$/, 'Letters, digits, spaces and . , ( ) - only'),
});

export const ZAuditFilterSchema = z.object({
  from: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')]).default(''),
  to: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')]).default(''),
  userId: z.string().max(64).default(''),
  patientId: z.string().max(64).default(''),
});
export type TAuditFilter = z.infer<typeof ZAuditFilterSchema>;

/** This machine: a bearer token may go to it over plain http (a local FHIR server, the sandbox). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** RFC 6750 bearer token characters. */
const BEARER = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The clinic's EHR FHIR server: base URL, and how to authenticate: none (an open server), keep the
 * stored bearer token, or a new one. The token never comes back to the form.
 */
export const ZFhirServerFormSchema = z.object({
  baseUrl: z.string().trim().min(1, 'Enter the FHIR server base URL').max(500, 'At most 500 characters'),
  auth: z.enum(['none', 'keep', 'bearer'], { error: 'Choose how to authenticate' }),
  token: z.string().max(4096, 'At most 4,096 characters').default(''),
}).superRefine((v, ctx) => {
  let url: URL | null = null;
  try {
    url = new URL(v.baseUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'Enter an http(s) URL, e.g. https://ehr.example.org/fhir/R4' });
    return;
  }
  if (url.username || url.password) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'No user name or password in the URL: use the bearer token' });
  if (url.search || url.hash || v.baseUrl.includes('?') || v.baseUrl.includes('#')) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'The base URL has no query or fragment' });
  if (v.auth === 'bearer') {
    const t = v.token.trim();
    if (t === '') ctx.addIssue({ code: 'custom', path: ['token'], message: 'Enter the bearer token, or choose no authentication' });
    else if (!BEARER.test(t)) ctx.addIssue({ code: 'custom', path: ['token'], message: 'A bearer token is letters, digits and - . _ ~ + / (then =)' });
  }
  if (v.auth !== 'none' && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'A bearer token is sent only over https (plain http only to this machine)' });
  }
}).transform((v) => ({ baseUrl: v.baseUrl.replace(/\/+$/, ''), auth: v.auth, token: v.auth === 'bearer' ? v.token.trim() : '' }));
export type TFhirServerForm = z.input<typeof ZFhirServerFormSchema>;
