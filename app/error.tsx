'use client';
/** Never shows a stack trace: a generic message and a retry. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="page">
      <h1>Something went wrong</h1>
      <p>The page could not be shown. Nothing was changed. If an assessment was being evaluated, it is incomplete: do not read it as &ldquo;no contributors found&rdquo;.</p>
      <button type="button" onClick={reset}>Try again</button>
    </main>
  );
}
