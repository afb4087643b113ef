'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { queryKeys } from '@/lib/query-keys';

export interface PatientListItem {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
}

async function fetchPatients(q: string): Promise<PatientListItem[]> {
  const res = await fetch(`/api/patients?q=${encodeURIComponent(q)}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`Search failed (${res.status})`);
  return ((await res.json()) as { patients: PatientListItem[] }).patients;
}

/** Patient list with search by name or MRN; the first page comes from the server render. */
export function PatientSearch({ initial }: { initial: PatientListItem[] }) {
  const [q, setQ] = useState('');
  const deferred = useDeferredValue(q.trim());
  const query = useQuery({
    queryKey: queryKeys.patients(deferred),
    queryFn: () => fetchPatients(deferred),
    ...(deferred === '' ? { initialData: initial } : {}),
    placeholderData: keepPreviousData,
  });
  const patients = query.data ?? [];
  return (
    <section aria-labelledby="search-h">
      <h2 id="search-h" className="visually-hidden">Search patients</h2>
      <label htmlFor="patient-q">Search by name or MRN</label>
      <input id="patient-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      <p role="status" className="meta">{query.isError ? 'Search failed; try again.' : `${patients.length} patient${patients.length === 1 ? '' : 's'}`}</p>
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">MRN</th><th scope="col">Born</th><th scope="col">Sex</th></tr></thead>
        <tbody>
          {patients.map((p) => (
            <tr key={p.id}>
              <td><Link href={`/patients/${p.id}`}>{p.familyName}, {p.givenName}</Link></td>
              <td>{p.mrn}</td><td>{p.birthDate}</td><td>{p.sex}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
