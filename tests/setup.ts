import { publishTestPeerHeader } from './peer';

// Requests built in tests carry their socket address as scripts/server.mjs would pass it.
publishTestPeerHeader();

// Tests in a DOM (`@vitest-environment jsdom`): the jest-dom matchers (toBeInTheDocument, …), and
// findBy/waitFor that wait for an outcome, not for a time budget (the machine is shared and loaded).
// Loaded only there: most test files run in node, and importing these costs each of them a third of
// a second.
if (typeof document !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 10_000 });
}
