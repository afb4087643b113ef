/**
 * The socket address as scripts/server.mjs hands it to the app: a header whose name only the server
 * knows. Tests that build requests themselves play that server (tests/setup.ts publishes the name).
 */
export const TEST_PEER_HEADER = 'x-rls-peer-test-only';

export function publishTestPeerHeader(): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('rls-workup.peer-address-header')] = TEST_PEER_HEADER;
}

/** Headers of a request whose TCP connection came from `address`. */
export const fromPeer = (address: string): Record<string, string> => ({ [TEST_PEER_HEADER]: address });
