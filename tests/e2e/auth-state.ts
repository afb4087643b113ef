/** Where the signed-in sessions of a test run are kept (per server port, so parallel runs never mix). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3917);
export const stateFile = (who: 'clinician' | 'admin' | 'other-clinician') => `tests/e2e/.auth/${E2E_PORT}/${who}.json`;
