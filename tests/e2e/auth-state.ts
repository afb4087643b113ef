/**
 * The servers of a browser test run: one per Playwright worker (E2E_WORKERS, default 1), each with its
 * own database, on ports E2E_PORT, E2E_PORT + 1, … (playwright.config.ts). A worker talks to its own
 * server only, so test files running at the same time never see each other's data, sessions or limits.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3917);
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 1);
/** The port of server `i` of the run. */
export const serverPort = (i: number) => E2E_PORT + i;
/** The port of this worker's server (Playwright numbers a run's concurrent workers 0, 1, …). */
export const WORKER_PORT = serverPort(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
/** Where the signed-in sessions of a server are kept (per port, so parallel runs never mix). */
export const stateFile = (who: 'clinician' | 'admin' | 'other-clinician', port = WORKER_PORT) => `tests/e2e/.auth/${port}/${who}.json`;
