import type { Metadata } from 'next';
import Link from 'next/link';
import { PatientSearch } from '@/components/patients/patient-search';
import { requireActor } from '@/lib/auth/actor';
import { searchPatients } from '@/lib/services/patients';

export const metadata: Metadata = { title: 'Patients · RLS Workup' };

export default async function PatientsPage() {
  const patients = await searchPatients(await requireActor());
  return (
    <>
      <h1>Patients</h1>
      <p><Link className="button" href="/patients/new">New patient</Link></p>
      <PatientSearch initial={patients.map((p) => ({ id: p.id, mrn: p.mrn, givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, sex: p.sex }))} />
    </>
  );
}
