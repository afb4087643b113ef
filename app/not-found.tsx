import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="page">
      <h1>Not found</h1>
      <p>This record does not exist, or it is not in your clinic.</p>
      <p><Link href="/patients">Back to patients</Link></p>
    </main>
  );
}
