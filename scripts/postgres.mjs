/**
 * A PostgreSQL server from Debian's binaries (PostgreSQL 15), for tests and for running several
 * instances locally: initdb in a folder (a temporary one unless given), start on 127.0.0.1 on a free
 * port, create databases, stop.
 *
 * initdb and postgres refuse to run as root: when this process is root they run as the `postgres`
 * user (runuser), in a folder that user owns; otherwise as the current user. Unix sockets are off:
 * every connection is TCP on loopback, with trust authentication (loopback only, never exposed).
 *
 *   import { startPostgres } from './scripts/postgres.mjs'
 *   const pg = await startPostgres()            // temporary folder, free port
 *   const url = await pg.createDatabase('app')  // postgresql://postgres@127.0.0.1:PORT/app
 *   await pg.stop()                             // stops the server, removes the temporary folder
 *
 * From a shell: node scripts/postgres.mjs [--dir DIR] [--port N] [--fast] — starts, prints the
 * URL of database `rls_workup`, stops on Ctrl-C / SIGTERM.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's PostgreSQL 15 server binaries (package `postgresql-15`); PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
/** The superuser created by initdb (same name whoever runs it, so URLs do not depend on the OS user). */
export const PG_USER = 'postgres';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** uid/gid of the `postgres` OS user (only needed when running as root). */
function postgresOsUser() {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) {
    throw new Error('Running as root, PostgreSQL must run as the `postgres` user, which does not exist: install Debian\'s `postgresql` package (apt-get install postgresql).');
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Command + arguments to run a PostgreSQL binary as the right OS user. */
function asServerUser(binary, args) {
  const file = path.join(PG_BIN, binary);
  return isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function runBinary(binary, args, { allowFailure = false } = {}) {
  const [cmd, argv] = asServerUser(binary, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir(), maxBuffer: 1 << 30 });
  if (r.error) throw new Error(`Could not run ${binary}: ${r.error.message}`);
  if (r.status !== 0 && !allowFailure) {
    throw new Error(`${binary} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim()}`);
  }
  return r;
}

/** True when Debian's PostgreSQL server binaries are installed. */
export function postgresInstalled() {
  return existsSync(path.join(PG_BIN, 'initdb')) && existsSync(path.join(PG_BIN, 'pg_ctl'));
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** The connection URL of a database on this server. */
export function databaseUrl(port, database) {
  return `postgresql://${PG_USER}@127.0.0.1:${port}/${database}`;
}

const connectArgs = (port) => ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER];
const checkName = (name) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Database name must be lower-case letters, digits and _: ${name}`);
};

/**
 * Creates database `name` on the server at `port` (a copy of `template` when given: the template must
 * have no open connections) unless it exists; returns its URL. Usable from any process.
 */
export function createDatabase(port, name, { template } = {}) {
  checkName(name);
  if (template) checkName(template);
  const exists = runBinary('psql', [...connectArgs(port), '-d', 'postgres', '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`]);
  if (exists.stdout.trim() !== '1') runBinary('createdb', [...connectArgs(port), ...(template ? ['-T', template] : []), name]);
  return databaseUrl(port, name);
}

/** Drops database `name` (closing its connections). */
export function dropDatabase(port, name) {
  checkName(name);
  runBinary('dropdb', [...connectArgs(port), '--if-exists', '--force', name]);
}

/** Runs SQL (psql -c) in database `name`; returns psql's output (unaligned, tuples only). */
export function runSql(port, name, sql) {
  checkName(name);
  return runBinary('psql', [...connectArgs(port), '-d', name, '-v', 'ON_ERROR_STOP=1', '-tAc', sql]).stdout;
}

/** A plain-SQL dump of database `name` (pg_dump: a consistent snapshot while others write). */
export function dumpDatabase(port, name) {
  checkName(name);
  return runBinary('pg_dump', [...connectArgs(port), '--no-owner', name]).stdout;
}

/** Restores a plain-SQL dump into (existing, empty) database `name`. */
export function restoreDatabase(port, name, sql) {
  checkName(name);
  const [cmd, argv] = asServerUser('psql', [...connectArgs(port), '-d', name, '-v', 'ON_ERROR_STOP=1', '-q']);
  const r = spawnSync(cmd, argv, { input: sql, encoding: 'utf8', cwd: tmpdir(), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`psql restore failed (exit ${r.status}): ${(r.stderr || '').trim()}`);
}

/**
 * Starts a PostgreSQL server.
 * @param {object} [options]
 * @param {string} [options.dir] Folder of the cluster (created and initialised when empty). Without it a
 *   temporary folder is used and removed by stop().
 * @param {number} [options.port] TCP port on 127.0.0.1 (default: a free one).
 * @param {boolean} [options.fast] Tests only: no fsync / synchronous commit (data lost on a machine crash).
 * @param {number} [options.maxConnections] max_connections (default 200: several app instances, each with a pool).
 * @param {Record<string, string|number>} [options.settings] Further postgresql.conf settings for this start.
 * @returns {Promise<{ port: number, dir: string, dataDir: string, logFile: string, url(db?: string): string,
 *   createDatabase(name: string, options?: { template?: string }): Promise<string>, dropDatabase(name: string): void, stop(): Promise<void>,
 *   restart(): Promise<void>, stopImmediately(): void }>}
 */
export async function startPostgres(options = {}) {
  if (!postgresInstalled()) {
    throw new Error(`PostgreSQL server binaries not found in ${PG_BIN}: install Debian's \`postgresql\` package (apt-get install postgresql).`);
  }
  const temporary = !options.dir;
  const dir = options.dir ? path.resolve(options.dir) : mkdtempSync(path.join(tmpdir(), 'rls-pg-'));
  mkdirSync(dir, { recursive: true });
  const owner = isRoot ? postgresOsUser() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    runBinary('initdb', ['-D', dataDir, '-U', PG_USER, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-instructions']);
  } else if (owner && statSync(dataDir).uid !== owner.uid) {
    throw new Error(`${dataDir} is not owned by the postgres user: PostgreSQL refuses it.`);
  }

  const settings = {
    listen_addresses: "'127.0.0.1'",
    unix_socket_directories: "''",
    max_connections: options.maxConnections ?? 200,
    ...(options.fast ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...Object.fromEntries(Object.entries(options.settings ?? {}).map(([k, v]) => [k, typeof v === 'number' ? v : `'${String(v).replace(/'/g, "''")}'`])),
  };

  const handle = {
    port: 0,
    dir,
    dataDir,
    logFile,
    url: (db = 'postgres') => databaseUrl(handle.port, db),
    async createDatabase(name, options) {
      return createDatabase(handle.port, name, options);
    },
    dropDatabase(name) {
      dropDatabase(handle.port, name);
    },
    /** Stops the server (fast shutdown: open connections are closed) and removes a temporary folder. */
    async stop() {
      process.off('exit', handle.stopImmediately);
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) runBinary('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], { allowFailure: true });
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
    /** Stops and starts the server again on the same port and folder (connections are dropped). */
    async restart() {
      runBinary('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], { allowFailure: true });
      await launch(handle.port);
    },
    /** Synchronous stop for process exit: a crashed test run leaves no server behind. */
    stopImmediately() {
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) runBinary('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { allowFailure: true });
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };

  async function launch(port) {
    const opts = Object.entries({ ...settings, port }).map(([k, v]) => `-c ${k}=${v}`).join(' ');
    const r = runBinary('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', opts, '-w', '-t', '60', 'start'], { allowFailure: true });
    if (r.status !== 0) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      const error = new Error(`PostgreSQL did not start on port ${port} (pg_ctl exit ${r.status}).\n${(r.stderr || '').trim()}\n${log}`);
      /** @type {any} */ (error).portInUse = /address already in use|could not bind/i.test(log);
      throw error;
    }
    handle.port = port;
  }

  // A port free a moment ago may be taken by someone else before the server binds it: try another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      await launch(port);
      break;
    } catch (error) {
      if (options.port || attempt >= 5 || !(/** @type {any} */ (error).portInUse)) {
        if (temporary) rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  process.on('exit', handle.stopImmediately);
  return handle;
}

// Command line: start, print the URL, stop on Ctrl-C / SIGTERM.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const pg = await startPostgres({ dir: arg('--dir'), port: arg('--port') ? Number(arg('--port')) : undefined, fast: process.argv.includes('--fast') });
  const url = await pg.createDatabase('rls_workup');
  console.log(`DATABASE_URL=${url}`);
  console.log(`PostgreSQL ${pg.dataDir} on 127.0.0.1:${pg.port}; log ${pg.logFile}. Stop with Ctrl-C.`);
  const stop = async () => {
    await pg.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
