// Adds the jest-dom matchers (toBeInTheDocument, …) for component tests; harmless in node tests.
import '@testing-library/jest-dom/vitest';
import { publishTestPeerHeader } from './peer';

// Requests built in tests carry their socket address as scripts/server.mjs would pass it.
publishTestPeerHeader();
