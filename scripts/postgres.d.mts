export const PG_BIN: string;
export const PG_USER: string;
export function postgresInstalled(): boolean;
export function freePort(): Promise<number>;
export function databaseUrl(port: number, database: string): string;
export function createDatabase(port: number, name: string, options?: { template?: string }): string;
export function dropDatabase(port: number, name: string): void;
export function runSql(port: number, name: string, sql: string): string;
export function dumpDatabase(port: number, name: string): string;
export function restoreDatabase(port: number, name: string, sql: string): void;
export interface PostgresServer {
  port: number;
  /** The folder holding the cluster (data/), its log and nothing else. */
  dir: string;
  dataDir: string;
  logFile: string;
  url(database?: string): string;
  createDatabase(name: string, options?: { template?: string }): Promise<string>;
  dropDatabase(name: string): void;
  stop(): Promise<void>;
  restart(): Promise<void>;
  stopImmediately(): void;
}
export interface StartOptions {
  dir?: string;
  port?: number;
  fast?: boolean;
  maxConnections?: number;
  settings?: Record<string, string | number>;
}
export function startPostgres(options?: StartOptions): Promise<PostgresServer>;
