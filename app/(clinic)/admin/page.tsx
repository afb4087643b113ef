import type { Metadata } from 'next';
import Link from 'next/link';
import { FhirServerForm } from '@/components/admin/fhir-server-form';
import { IssueTokenForm, RevokeTokenButton } from '@/components/admin/token-controls';
import { requireAdmin } from '@/lib/auth/actor';
import { auditFilterOptions, auditReport, breakGlassReview, parseAuditFilter } from '@/lib/services/admin-audit';
import { formatUtc } from '@/lib/services/assessment-view';
import { listApiTokens } from '@/lib/services/tokens';
import { getFhirServerView } from '@/lib/services/fhir-server';
import { issueTokenAction, removeFhirServerAction, revokeTokenAction, saveFhirServerAction } from './actions';

export const metadata: Metadata = { title: 'Admin · RLS Workup' };

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin();
  const filter = parseAuditFilter(await searchParams);
  const [rows, options, tokens, grants, fhirServer] = await Promise.all([auditReport(actor, filter), auditFilterOptions(actor), listApiTokens(actor), breakGlassReview(actor), getFhirServerView(actor)]);
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
  return (
    <>
      <h1>Admin</h1>
      <p><Link href="/admin/overrides">Override rates per rule</Link> (EHR feedback and in-app reviews)</p>
      <section aria-labelledby="audit-h">
        <h2 id="audit-h">Audit trail</h2>
        <form method="get" className="filters">
          <label htmlFor="f-from">From</label>
          <input id="f-from" name="from" type="text" placeholder="YYYY-MM-DD" defaultValue={filter.from} />
          <label htmlFor="f-to">To</label>
          <input id="f-to" name="to" type="text" placeholder="YYYY-MM-DD" defaultValue={filter.to} />
          <label htmlFor="f-user">User</label>
          <select id="f-user" name="userId" defaultValue={filter.userId}>
            <option value="">Everyone</option>
            {options.users.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
          </select>
          <label htmlFor="f-patient">Patient id</label>
          <input id="f-patient" name="patientId" defaultValue={filter.patientId} />
          <button type="submit">Filter</button>
          <a href={`/api/admin/audit?${query}`} download>Export CSV</a>
        </form>
        <p className="meta">{rows.length} event{rows.length === 1 ? '' : 's'} (newest first; times in UTC). The chain is checked with <code>npm run audit:verify</code>.</p>
        <table data-audit-rows={rows.length}>
          <thead><tr><th scope="col">#</th><th scope="col">Time (UTC)</th><th scope="col">User</th><th scope="col">Action</th><th scope="col">Patient</th><th scope="col">Record</th><th scope="col">Outcome</th><th scope="col">Address</th><th scope="col">Detail</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}><td>{r.seq}</td><td>{r.at.replace('T', ' ').slice(0, 19)}</td><td>{r.user}</td><td>{r.action}</td><td>{r.patient}</td><td>{r.record}</td><td>{r.outcome}</td><td>{r.clientAddress}</td><td>{r.detail}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="bg-h">
        <h2 id="bg-h">Emergency (break-glass) access for review</h2>
        {grants.length === 0 ? <p>None.</p> : (
          <table data-break-glass-rows={grants.length}>
            <thead><tr><th scope="col">Granted</th><th scope="col">Clinician</th><th scope="col">Patient</th><th scope="col">Reason</th><th scope="col">Until</th></tr></thead>
            <tbody>{grants.map((g) => <tr key={g.id}><td>{formatUtc(g.createdAt)}</td><td>{g.userName}</td><td>{g.patientLabel}</td><td>{g.reason}</td><td>{formatUtc(g.expiresAt)}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="fhir-h">
        <h2 id="fhir-h">EHR FHIR server</h2>
        <p className="meta">
          The clinic&apos;s FHIR R4 server, from which clinicians use &ldquo;Import from EHR&rdquo; on a patient&apos;s page by the EHR&apos;s patient id.
          A bearer token is stored encrypted and is never shown again; it is sent only over https (plain http only to this machine).
        </p>
        <p data-fhir-server={fhirServer ? fhirServer.auth : 'none-configured'}>
          {fhirServer
            ? <>Configured: <code>{fhirServer.baseUrl}</code>, {fhirServer.auth === 'bearer' ? 'bearer token stored (encrypted)' : 'no authentication'}; changed {formatUtc(fhirServer.updatedAt)}.</>
            : 'No FHIR server configured: "Import from EHR" is not offered.'}
        </p>
        <FhirServerForm current={fhirServer ? { baseUrl: fhirServer.baseUrl, auth: fhirServer.auth, updatedAt: fhirServer.updatedAt.toISOString() } : null} save={saveFhirServerAction} remove={removeFhirServerAction} />
      </section>
      <section aria-labelledby="tokens-h">
        <h2 id="tokens-h">API tokens</h2>
        <p className="meta">For <code>POST /api/v1/evaluate</code> from another system of this clinic. Stored hashed; revocable; every use is audited.</p>
        <IssueTokenForm action={issueTokenAction} />
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Issued</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td><td>{formatUtc(t.createdAt)}</td><td>{t.lastUsedAt ? formatUtc(t.lastUsedAt) : 'never'}</td>
                <td>{t.revokedAt ? `revoked ${formatUtc(t.revokedAt)}` : <RevokeTokenButton tokenId={t.id} name={t.name} action={revokeTokenAction} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
