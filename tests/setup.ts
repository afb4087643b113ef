// Adds the jest-dom matchers (toBeInTheDocument, …) for component tests; harmless in node tests.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';
import { publishTestPeerHeader } from './peer';

// Requests built in tests carry their socket address as scripts/server.mjs would pass it.
publishTestPeerHeader();

// The machine is shared and loaded: findBy/waitFor wait for an outcome, not for a time budget.
configure({ asyncUtilTimeout: 10_000 });
