import type { ReactNode } from 'react';

// Printable pages read patient data per request, like the clinic pages.
export const dynamic = 'force-dynamic';

export default function PrintLayout({ children }: { children: ReactNode }) {
  return <main id="main" className="print-page">{children}</main>;
}
