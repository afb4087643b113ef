#!/usr/bin/env node
// @ts-check
/**
 * Stand-in for Prisma's native `schema-engine` binary.
 *
 * Why: every Prisma 7 CLI command needs the native schema-engine binary, which is
 * downloaded from Prisma's servers, and that download is impossible here. The CLI
 * skips the download when PRISMA_SCHEMA_ENGINE_BINARY names an existing file and
 * then spawns that file exactly like the binary. This script answers the same way,
 * using the WebAssembly build of the same engine (`@prisma/schema-engine-wasm`,
 * pinned to the version the CLI expects) talking to the database through a Prisma
 * driver adapter (better-sqlite3, or pg for PostgreSQL).
 *
 * Invocation, as the CLI does it (see SchemaEngineCLI in node_modules/prisma/build/cli.js):
 *   schema-engine.mjs [--datamodels PATH]... [--datasource JSON]        JSON-RPC mode
 *   schema-engine.mjs --datasource '{"url":"…"}' cli can-connect-to-database
 *   schema-engine.mjs --datasource '{"url":"…"}' cli create-database
 *   schema-engine.mjs --version
 *
 * JSON-RPC mode: JSON-RPC 2.0, one message per line on stdin/stdout; logs go to
 * stderr as JSON lines (the CLI parses them for error messages).
 *
 * Gaps between the WASM engine and the binary, each covered below (see
 * /work/shared/docs/ENVIRONMENT.md):
 *   1. SQLite shadow-database replay sends whole multi-statement migration files
 *      through `executeRaw`, which better-sqlite3 refuses → routed to `executeScript`.
 *   2. `devDiagnostic` / `diagnoseMigrationHistory` fail with P1014 on a fresh
 *      database until `_prisma_migrations` exists → apply an empty migration list
 *      first, then retry.
 *   3. WASM `reset` leaves SQLite tables behind → delete the database file (and its
 *      -wal/-shm/-journal) like the binary does, then reconnect.
 *   4. `diff` returns its output instead of printing it → sent to the CLI as a
 *      `print` request, as the binary does.
 *   5. A start-up failure must not exit early (the CLI would then exit 0 having
 *      applied nothing) → it is answered as an error on every request.
 * Found while building this script:
 *   6. `evaluateDataLoss` / `createMigration` get no shadow database, only a cache
 *      that is stale once `migrate dev` has applied pending migrations → refill it
 *      with a shadow-database diagnosis and retry.
 *   7. The CLI sends SIGTERM right after closing stdin → close connections on the
 *      signal, or SQLite leaves a stray -journal file behind.
 *   8. Errors thrown by the driver adapter reach us as "External error id#N" →
 *      the original is looked up in the adapter's error registry.
 *   9. PostgreSQL: introspection reads `"char"` catalog columns the pg adapter
 *      rejects, and its temporary shadow database is dropped while still in use →
 *      both worked around below.
 */

import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import readline from 'node:readline'

const require = createRequire(import.meta.url)

/** JSON-RPC error code the native engine uses for every engine-level error. */
const ENGINE_ERROR_CODE = 4466

/* -------------------------------------------------------------------------- */
/* Arguments                                                                   */
/* -------------------------------------------------------------------------- */

/**
 * @typedef {{ url: string, shadowDatabaseUrl?: string }} Datasource
 * @typedef {{ datamodels: string[], datasource: Datasource | undefined,
 *             cliCommand: string | undefined, version: boolean }} EngineArgs
 */

/** @param {string[]} argv @returns {EngineArgs} */
function parseArgs(argv) {
  /** @type {EngineArgs} */
  const args = { datamodels: [], datasource: undefined, cliCommand: undefined, version: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    switch (arg) {
      case '--datamodels':
        args.datamodels.push(String(argv[++i]))
        break
      case '--datasource': {
        /** @type {unknown} */
        let parsed
        try {
          parsed = JSON.parse(String(argv[++i]))
        } catch (error) {
          throw new Error(`--datasource is not valid JSON: ${errorMessage(error)}`)
        }
        args.datasource = narrowDatasource(parsed)
        break
      }
      // Accepted for compatibility; the WASM engine takes neither.
      case '--enabled-preview-features':
      case '--extension-types':
        i++
        break
      case '--version':
      case '-V':
        args.version = true
        break
      case 'cli':
        args.cliCommand = argv[++i]
        break
      default:
        // Unknown flags are ignored rather than fatal: a newer CLI may add some.
        break
    }
  }
  return args
}

/** @param {unknown} value @returns {Datasource} */
function narrowDatasource(value) {
  if (typeof value !== 'object' || value === null) throw new Error('--datasource must be a JSON object')
  const record = /** @type {Record<string, unknown>} */ (value)
  if (typeof record.url !== 'string' || record.url === '') {
    throw new Error('--datasource has no "url" (set datasource.url in prisma.config.ts)')
  }
  /** @type {Datasource} */
  const datasource = { url: record.url }
  if (typeof record.shadowDatabaseUrl === 'string' && record.shadowDatabaseUrl !== '') {
    datasource.shadowDatabaseUrl = record.shadowDatabaseUrl
  }
  return datasource
}

/* -------------------------------------------------------------------------- */
/* Logging (stderr, in the binary's JSON tracing format)                       */
/* -------------------------------------------------------------------------- */

/**
 * @param {'INFO' | 'WARN' | 'ERROR'} level
 * @param {string} message
 * @param {Record<string, unknown>} [extra]
 */
function log(level, message, extra = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...extra },
    target: 'schema_engine::logger',
  }
  process.stderr.write(`${JSON.stringify(line)}\n`)
}

/* -------------------------------------------------------------------------- */
/* Connection URLs                                                             */
/* -------------------------------------------------------------------------- */

/**
 * Absolute path of a `file:` URL. Relative paths resolve against the working
 * directory, which the CLI sets to the project root — the same base the app uses.
 * @param {string} url
 */
function sqlitePath(url) {
  const withoutScheme = url.replace(/^file:(\/\/)?/, '')
  const withoutQuery = withoutScheme.split('?')[0] ?? ''
  return path.resolve(withoutQuery)
}

/** @param {string} url */
function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//.test(url)
}

/**
 * pg pool settings as separate fields: with a connection string the pg adapter
 * cannot redirect the pool to its temporary shadow database.
 * @param {string} url
 * @returns {{ config: import('pg').PoolConfig, schema: string | undefined }}
 */
function postgresConfig(url) {
  const parsed = new URL(url)
  const sslmode = parsed.searchParams.get('sslmode')
  /** @type {import('pg').PoolConfig} */
  const config = {
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost',
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
  }
  if (sslmode === 'require' || sslmode === 'prefer') config.ssl = { rejectUnauthorized: false }
  if (sslmode === 'verify-ca' || sslmode === 'verify-full') config.ssl = true
  return { config, schema: parsed.searchParams.get('schema') ?? undefined }
}

/* -------------------------------------------------------------------------- */
/* Driver adapters                                                             */
/* -------------------------------------------------------------------------- */

/**
 * @typedef {import('@prisma/driver-adapter-utils').SqlDriverAdapter} SqlDriverAdapter
 * @typedef {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory} MigrationAwareFactory
 * @typedef {import('@prisma/driver-adapter-utils').SqlQuery} SqlQuery
 */

/** Every connection handed to the engine, so that reset/exit can close them. */
/** @type {Set<SqlDriverAdapter>} */
const openConnections = new Set()

/**
 * Gap 1: better-sqlite3 prepares one statement at a time and throws a RangeError
 * for more. A parameterless multi-statement string is a script, so run it as one.
 * Also records the connection so it can be closed before the file is deleted.
 * @param {SqlDriverAdapter} adapter
 * @returns {SqlDriverAdapter}
 */
function wrapSqliteConnection(adapter) {
  /** @type {SqlDriverAdapter} */
  const wrapped = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: async (query) => {
      try {
        return await adapter.executeRaw(query)
      } catch (error) {
        if (query.args.length === 0 && isMultiStatementError(error)) {
          log('INFO', 'Multi-statement SQL sent to executeRaw: running it as a script')
          await adapter.executeScript(query.sql)
          return 0
        }
        throw error
      }
    },
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    dispose: async () => {
      openConnections.delete(wrapped)
      await adapter.dispose()
    },
  }
  const { getConnectionInfo } = adapter
  if (getConnectionInfo) wrapped.getConnectionInfo = () => getConnectionInfo.call(adapter)
  openConnections.add(wrapped)
  return wrapped
}

/** @param {unknown} error */
function isMultiStatementError(error) {
  return error instanceof RangeError && /more than one statement/i.test(error.message)
}

/**
 * @param {SqlDriverAdapter} adapter
 * @returns {SqlDriverAdapter}
 */
function trackConnection(adapter) {
  const dispose = adapter.dispose.bind(adapter)
  adapter.dispose = async () => {
    openConnections.delete(adapter)
    await dispose()
  }
  openConnections.add(adapter)
  return adapter
}

/** Postgres type OIDs: the internal one-byte `"char"` type, and `text`. */
const PG_CHAR_OID = 18
const PG_TEXT_OID = 25
const charPatched = Symbol('charPatched')

/**
 * Introspection reads catalog columns of Postgres' internal `"char"` type, which
 * the pg adapter refuses ("Column type 'char' could not be deserialized"). pg
 * already returns those values as strings, so report such columns as `text`.
 * Patches the pool behind a pg adapter connection and every client it lends out.
 * @param {{ underlyingDriver(): import('pg').Pool }} adapter
 */
function readPgCharAsText(adapter) {
  /** @param {{ query: Function, [charPatched]?: true }} target */
  const patch = (target) => {
    if (target[charPatched]) return
    const query = target.query.bind(target)
    target.query = async (/** @type {unknown[]} */ ...queryArgs) => {
      const result = await query(...queryArgs)
      const fields = /** @type {{ fields?: { dataTypeID: number }[] } | undefined} */ (result)?.fields ?? []
      for (const field of fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID
      return result
    }
    target[charPatched] = true
  }
  const pool = adapter.underlyingDriver()
  patch(/** @type {{ query: Function }} */ (/** @type {unknown} */ (pool)))
  const connect = /** @type {(callback?: Function) => Promise<unknown> | undefined} */ (pool.connect.bind(pool))
  /** @param {unknown} client */
  const patchClient = (client) => {
    if (client) patch(/** @type {{ query: Function }} */ (client))
    return client
  }
  // Both forms are needed: the adapter awaits connect(), pool.query() passes a callback.
  const patchedConnect = (/** @type {Function | undefined} */ callback) => {
    if (typeof callback === 'function') {
      return connect((/** @type {unknown} */ error, /** @type {unknown} */ client, /** @type {unknown} */ release) =>
        callback(error, patchClient(client), release),
      )
    }
    return connect()?.then(patchClient)
  }
  Object.assign(pool, { connect: patchedConnect })
}

/**
 * The pg adapter's executeScript splits a script on every `;` and runs the pieces one by one, which
 * breaks a migration holding a function body (`$$ … ; … $$`) or a `;` in a comment or string. Send
 * the script whole instead, as the native engine does: PostgreSQL's simple query protocol runs
 * several statements in one call (in one implicit transaction).
 * @param {{ underlyingDriver(): import('pg').Pool, executeScript(script: string): Promise<void>, onError?: (error: unknown) => never }} adapter
 */
function wholePgScripts(adapter) {
  const pool = adapter.underlyingDriver()
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script)
    } catch (error) {
      if (typeof adapter.onError === 'function') adapter.onError(error)
      throw error
    }
  }
}

/**
 * @param {Datasource} datasource
 * @returns {Promise<MigrationAwareFactory>}
 */
async function createAdapterFactory(datasource) {
  if (datasource.url.startsWith('file:')) {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3')
    const shadow = datasource.shadowDatabaseUrl
    const inner = new PrismaBetterSqlite3(
      { url: sqlitePath(datasource.url) },
      // Without a shadow URL the adapter uses an in-memory database: fast, no files.
      shadow ? { shadowDatabaseUrl: sqlitePath(shadow) } : undefined,
    )
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => wrapSqliteConnection(await inner.connect()),
      connectToShadowDb: async () => wrapSqliteConnection(await inner.connectToShadowDb()),
    }
  }

  if (isPostgresUrl(datasource.url)) {
    const { PrismaPg } = await import('@prisma/adapter-pg')
    const main = postgresConfig(datasource.url)
    const inner = new PrismaPg(main.config, main.schema ? { schema: main.schema } : undefined)
    const shadowUrl = datasource.shadowDatabaseUrl
    /** @param {Awaited<ReturnType<typeof inner.connect>>} connection */
    const prepare = (connection) => {
      readPgCharAsText(connection)
      wholePgScripts(connection)
      return trackConnection(connection)
    }
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => prepare(await inner.connect()),
      connectToShadowDb: async () => {
        if (shadowUrl) {
          const shadow = postgresConfig(shadowUrl)
          const factory = new PrismaPg(shadow.config, shadow.schema ? { schema: shadow.schema } : undefined)
          return prepare(await factory.connect())
        }
        // A temporary shadow database, like the binary. Not the adapter's own
        // connectToShadowDb: it drops the database before closing its pool, which
        // fails with "database … is being accessed by other users".
        const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`
        const admin = await inner.connect()
        await admin.executeScript(`CREATE DATABASE "${name}"`)
        const shadow = await new PrismaPg({ ...main.config, database: name }).connect()
        const dispose = shadow.dispose.bind(shadow)
        shadow.dispose = async () => {
          await dispose()
          try {
            await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`)
          } finally {
            await admin.dispose()
          }
        }
        return prepare(shadow)
      },
    }
  }

  throw new Error(
    `Unsupported datasource URL "${redact(datasource.url)}": this schema-engine stand-in supports file: (SQLite) and postgres(ql):// URLs.`,
  )
}

/** @param {string} url */
function redact(url) {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@')
}

async function closeAllConnections() {
  for (const connection of [...openConnections]) {
    try {
      await connection.dispose()
    } catch (error) {
      log('WARN', `Could not close a database connection: ${errorMessage(error)}`)
    }
  }
}

/* -------------------------------------------------------------------------- */
/* The WASM engine                                                             */
/* -------------------------------------------------------------------------- */

/**
 * @typedef {import('@prisma/schema-engine-wasm').SchemaEngine} WasmEngine
 * @typedef {typeof import('@prisma/schema-engine-wasm').SchemaEngine} WasmEngineClass
 * @typedef {import('@prisma/driver-adapter-utils').ErrorCapturingSqlMigrationAwareDriverAdapterFactory} BoundFactory
 */

/** @type {Promise<WasmEngineClass> | undefined} */
let engineClassPromise

/**
 * The engine's panic hook reports the Rust panic message through this global
 * (as @prisma/internals provides it); the JS side then only sees "unreachable".
 * @type {string | undefined}
 */
let lastPanicMessage
Object.assign(globalThis, {
  PRISMA_WASM_PANIC_REGISTRY: {
    set_message: (/** @type {string} */ message) => {
      lastPanicMessage = message
    },
  },
})

/**
 * Instantiates the engine's .wasm by hand: the package's entry point imports the
 * .wasm as an ES module, which Node 20 cannot do. Loaded once per process, since
 * wasm-bindgen keeps a single instance in module state.
 * @returns {Promise<WasmEngineClass>}
 */
function loadEngineClass() {
  engineClassPromise ??= (async () => {
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = await readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'))
    const module = await WebAssembly.compile(bytes)
    const instance = await WebAssembly.instantiate(module, {
      './schema_engine_bg.js': /** @type {WebAssembly.ModuleImports} */ (/** @type {unknown} */ (bindings)),
    })
    bindings.__wbg_set_wasm(instance.exports)
    const start = /** @type {() => void} */ (instance.exports.__wbindgen_start)
    start()
    return bindings.SchemaEngine
  })()
  return engineClassPromise
}

/**
 * @typedef {{ engine: WasmEngine, factory: BoundFactory }} RunningEngine
 */

/**
 * @param {EngineArgs} args
 * @returns {Promise<RunningEngine>}
 */
async function startEngine(args) {
  if (!args.datasource) {
    throw new Error('No --datasource was given: set datasource.url in prisma.config.ts.')
  }
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils')
  const EngineClass = await loadEngineClass()
  const factory = bindMigrationAwareSqlAdapterFactory(await createAdapterFactory(args.datasource))
  /** @type {[string, string][]} */
  const datamodels = args.datamodels.map((file) => [file, readFileSync(file, 'utf8')])
  const engine = await EngineClass.new(
    // The engine wants `undefined`, not an empty list, when there is no schema.
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    (/** @type {string} */ line) => process.stderr.write(`${line.replace(/\n$/, '')}\n`),
    factory,
  )
  return { engine, factory }
}

/* -------------------------------------------------------------------------- */
/* Errors                                                                      */
/* -------------------------------------------------------------------------- */

/** @param {unknown} error */
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The bound adapter factory keeps JS errors in a registry and hands the engine an
 * id; the engine's error then only says "External error id#N". Recover the
 * original error.
 * @param {unknown} error
 * @param {BoundFactory | undefined} factory
 * @returns {unknown}
 */
function originalError(error, factory) {
  if (!factory || !(error instanceof Error)) return error
  const match = /External error id#(\d+)/.exec(error.message)
  if (!match) return error
  const record = factory.errorRegistry.consumeError(Number(match[1]))
  return record ? record.error : error
}

/**
 * Shapes an error the way the CLI's SchemaEngineCLI expects from the binary:
 * `error.data.message` (+ `error_code` for user-facing P-codes, `is_panic`).
 * @param {unknown} rawError
 * @param {BoundFactory | undefined} factory
 */
function toRpcError(rawError, factory) {
  const error = originalError(rawError, factory)
  const message = errorMessage(error)
  if (error instanceof WebAssembly.RuntimeError) {
    // A Rust panic inside the WASM engine; the engine is unusable afterwards.
    const panic = lastPanicMessage ?? message
    return {
      code: ENGINE_ERROR_CODE,
      message: panic,
      data: { is_panic: true, message: panic, backtrace: error.stack ?? '', error: { message: panic } },
    }
  }
  const record = typeof error === 'object' && error !== null ? /** @type {Record<string, unknown>} */ (error) : {}
  const errorCode = typeof record.code === 'string' && /^P\d{4}$/.test(record.code) ? record.code : undefined
  return {
    code: ENGINE_ERROR_CODE,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: false,
      message,
      ...(errorCode ? { error_code: errorCode, meta: record.meta ?? null } : {}),
    },
  }
}

/** @param {unknown} error */
function errorCodeOf(error) {
  if (typeof error !== 'object' || error === null) return undefined
  const code = /** @type {Record<string, unknown>} */ (error).code
  return typeof code === 'string' ? code : undefined
}

/* -------------------------------------------------------------------------- */
/* JSON-RPC server                                                             */
/* -------------------------------------------------------------------------- */

/**
 * @typedef {{ jsonrpc?: string, id?: number | string | null, method?: string,
 *             params?: unknown, result?: unknown, error?: unknown }} RpcMessage
 */

/** @param {RpcMessage} message */
function send(message) {
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
}

/**
 * Requests this process sends to the CLI (only `print`), awaiting its answer.
 * @type {Map<number, { resolve: () => void, reject: (error: Error) => void }>}
 */
const pendingOutgoing = new Map()
let nextOutgoingId = 1

/**
 * Gap 4: the binary prints `diff` output by asking the CLI to print it.
 * @param {string} content
 * @returns {Promise<void>}
 */
function printThroughCli(content) {
  const id = nextOutgoingId++
  return new Promise((resolve, reject) => {
    pendingOutgoing.set(id, { resolve, reject })
    send({ id, method: 'print', params: { content } })
  })
}

/**
 * @param {EngineArgs} args
 * @param {unknown} startupError bad arguments, reported on every request
 */
async function serveJsonRpc(args, startupError) {
  /** @type {Promise<RunningEngine> | undefined} */
  let running

  // Started on the first request; a failure is kept and reported on every request (gap 5).
  const getEngine = () => {
    running ??= startupError === undefined ? startEngine(args) : Promise.reject(startupError)
    // Rejections are consumed per request; this only silences the unhandled warning.
    running.catch(() => undefined)
    return running
  }

  /** Drops the current engine and its connections; the next request starts afresh. */
  const restartEngine = async () => {
    const current = running ? await running.catch(() => undefined) : undefined
    running = undefined
    current?.engine.free()
    await closeAllConnections()
  }

  /** Gap 3: drop the SQLite file instead of the WASM engine's partial reset. */
  const resetSqlite = async (/** @type {string} */ url) => {
    await restartEngine()
    const file = sqlitePath(url)
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
    // Reconnect now so that the next request (applyMigrations) sees the new, empty file.
    await getEngine()
  }

  /**
   * Gap 2: on a fresh database, history diagnostics fail with P1014 until
   * `_prisma_migrations` exists. Create it by applying an empty migration list
   * and retry.
   * @template T
   * @param {WasmEngine} engine
   * @param {{ migrationsList: import('@prisma/schema-engine-wasm').MigrationList, filters: import('@prisma/schema-engine-wasm').SchemaFilter }} input
   * @param {() => Promise<T>} run
   * @returns {Promise<T>}
   */
  const withMigrationsTable = async (engine, input, run) => {
    try {
      return await run()
    } catch (error) {
      if (errorCodeOf(error) !== 'P1014') throw error
      await engine.applyMigrations({
        migrationsList: { ...input.migrationsList, migrationDirectories: [] },
        filters: input.filters,
      })
      return run()
    }
  }

  /**
   * Gap 6 (found here): the WASM `evaluateDataLoss` / `createMigration` get no
   * shadow database; they only read the schema of the migration history from a
   * cache that `devDiagnostic` fills for the migrations applied *at that time*.
   * When `migrate dev` first applies pending migrations, that entry is stale and
   * they fail with "SQLite shadow DB must be provided through an external
   * factory". Filling the cache with a shadow-database diagnosis of the current
   * history and retrying fixes it.
   * @template T
   * @param {WasmEngine} engine
   * @param {{ migrationsList: import('@prisma/schema-engine-wasm').MigrationList, filters: import('@prisma/schema-engine-wasm').SchemaFilter }} input
   * @param {() => Promise<T>} run
   * @returns {Promise<T>}
   */
  const withWarmMigrationCache = async (engine, input, run) => {
    try {
      return await run()
    } catch (error) {
      if (!/shadow DB must be provided/i.test(errorMessage(error))) throw error
      await engine.diagnoseMigrationHistory({
        migrationsList: input.migrationsList,
        optInToShadowDatabase: true,
        filters: input.filters,
      })
      return run()
    }
  }

  /** Set by a Rust panic: the WASM instance must not be called again. */
  /** @type {Error | undefined} */
  let panicked

  /**
   * @param {string} method
   * @param {any} params JSON-RPC boundary: shapes are the engine's own input types,
   *                     validated by the engine itself.
   * @returns {Promise<unknown>}
   */
  const dispatch = async (method, params) => {
    if (panicked) throw new Error(`The schema engine panicked earlier: ${lastPanicMessage ?? panicked.message}`)
    const { engine } = await getEngine()
    switch (method) {
      case 'applyMigrations':
        return engine.applyMigrations(params)
      case 'createMigration':
        return withWarmMigrationCache(engine, params, () => engine.createMigration(params))
      case 'dbExecute':
        await engine.dbExecute(params)
        return {}
      case 'debugPanic':
        engine.debugPanic()
        return {}
      case 'devDiagnostic':
        return withMigrationsTable(engine, params, () => engine.devDiagnostic(params))
      case 'diagnoseMigrationHistory':
        return withMigrationsTable(engine, params, () => engine.diagnoseMigrationHistory(params))
      case 'diff': {
        const result = await engine.diff(params)
        if (result.stdout) await printThroughCli(result.stdout.replace(/\n$/, ''))
        return { exitCode: result.exitCode, stdout: null }
      }
      case 'ensureConnectionValidity':
        await engine.ensureConnectionValidity(params)
        return {}
      case 'evaluateDataLoss':
        return withWarmMigrationCache(engine, params, () => engine.evaluateDataLoss(params))
      case 'getDatabaseVersion':
        return engine.version(params ?? undefined)
      case 'introspect':
        return engine.introspect(params)
      case 'introspectSql':
        return engine.introspectSql(params)
      case 'markMigrationApplied':
        await engine.markMigrationApplied(params)
        return {}
      case 'markMigrationRolledBack':
        await engine.markMigrationRolledBack(params)
        return {}
      case 'reset': {
        const url = args.datasource?.url ?? ''
        if (url.startsWith('file:')) await resetSqlite(url)
        else await engine.reset(params)
        return {}
      }
      case 'schemaPush':
        return engine.schemaPush(params)
      case 'createDatabase': {
        const url = args.datasource?.url ?? ''
        return { databaseName: await createDatabase(url) }
      }
      default: {
        throw Object.assign(new Error(`Method "${method}" is not supported by the schema-engine stand-in.`), {
          rpcCode: -32601,
        })
      }
    }
  }

  // Requests run one at a time, in order, like the binary; answers to our own
  // `print` requests are handled immediately so a running `diff` can finish.
  let queue = Promise.resolve()

  /** @param {RpcMessage} request */
  const handleRequest = async (request) => {
    const id = request.id ?? null
    const method = String(request.method)
    try {
      const result = await dispatch(method, request.params)
      send({ id, result: result ?? {} })
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) panicked = error
      const factory = running ? (await running.catch(() => undefined))?.factory : undefined
      const rpcError = toRpcError(error, factory)
      const rpcCode = typeof error === 'object' && error !== null && 'rpcCode' in error ? error.rpcCode : undefined
      if (typeof rpcCode === 'number') rpcError.code = rpcCode
      log('ERROR', rpcError.data.message, { method })
      send({ id, error: rpcError })
    }
  }

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  lines.on('line', (line) => {
    if (line.trim() === '') return
    /** @type {RpcMessage} */
    let message
    try {
      message = /** @type {RpcMessage} */ (JSON.parse(line))
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error', data: { is_panic: false, message: 'Parse error' } } })
      return
    }
    if (typeof message.method === 'string') {
      queue = queue.then(() => handleRequest(message))
      return
    }
    // An answer to one of our `print` requests.
    const pending = typeof message.id === 'number' ? pendingOutgoing.get(message.id) : undefined
    if (pending && typeof message.id === 'number') {
      pendingOutgoing.delete(message.id)
      if (message.error === undefined) pending.resolve()
      else pending.reject(new Error(`The CLI refused a print request: ${JSON.stringify(message.error)}`))
    }
  })

  // The CLI stops the engine by ending stdin and, on POSIX, sending SIGTERM right
  // after. Close connections first either way: SQLite keeps its -journal file
  // while the engine's EXCLUSIVE lock is held, and only a clean close removes it.
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
    process.on(signal, () => {
      void closeAllConnections().finally(() => process.exit(0))
    })
  }

  // The CLI ends stdin to stop the engine: finish the queue, close connections, exit 0.
  lines.on('close', () => {
    for (const { reject } of pendingOutgoing.values()) reject(new Error('stdin closed'))
    pendingOutgoing.clear()
    // If the CLI went away mid-request nobody will read the answer: don't linger
    // as an orphan holding database connections.
    setTimeout(() => {
      log('WARN', 'stdin closed while a request was still running; exiting')
      void closeAllConnections().finally(() => process.exit(1))
    }, 5_000).unref()
    void queue
      .then(async () => {
        const current = running ? await running.catch(() => undefined) : undefined
        current?.engine.free()
        await closeAllConnections()
      })
      .finally(() => process.exit(0))
  })
}

/* -------------------------------------------------------------------------- */
/* `cli` sub-commands                                                          */
/* -------------------------------------------------------------------------- */

/**
 * A user-facing engine error with a Prisma error code.
 * @param {string} code
 * @param {string} message
 */
function engineError(code, message) {
  return Object.assign(new Error(message), { code })
}

/**
 * Succeeds if the database exists and accepts a connection; P1003 otherwise
 * (which makes the CLI call `create-database`).
 * @param {string} url
 */
async function canConnect(url) {
  if (url.startsWith('file:')) {
    const file = sqlitePath(url)
    if (!existsSync(file)) {
      throw engineError('P1003', `Database \`${path.basename(file)}\` does not exist at \`${file}\`.`)
    }
    await withSqlite(file, async (connection) => {
      await connection.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] })
    })
    return
  }
  if (isPostgresUrl(url)) {
    await withPostgres(url, async (connection) => {
      await connection.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] })
    })
    return
  }
  throw new Error(`Unsupported datasource URL "${redact(url)}".`)
}

/**
 * Creates the database (for SQLite: the file and its folder). Returns its name.
 * @param {string} url
 * @returns {Promise<string>}
 */
async function createDatabase(url) {
  if (url.startsWith('file:')) {
    const file = sqlitePath(url)
    mkdirSync(path.dirname(file), { recursive: true })
    // Opening the file creates it.
    await withSqlite(file, async () => undefined)
    return path.basename(file)
  }
  if (isPostgresUrl(url)) {
    const { config } = postgresConfig(url)
    const name = String(config.database)
    // Connect to the maintenance database to create the target one.
    const maintenanceUrl = new URL(url)
    maintenanceUrl.pathname = '/postgres'
    maintenanceUrl.search = ''
    await withPostgres(maintenanceUrl.toString(), async (connection) => {
      await connection.executeScript(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
    })
    return name
  }
  throw new Error(`Unsupported datasource URL "${redact(url)}".`)
}

/**
 * @param {string} file absolute path
 * @param {(connection: SqlDriverAdapter) => Promise<void>} run
 */
async function withSqlite(file, run) {
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3')
  const connection = await new PrismaBetterSqlite3({ url: file }).connect()
  try {
    await run(connection)
  } finally {
    await connection.dispose()
  }
}

/**
 * @param {string} url
 * @param {(connection: SqlDriverAdapter) => Promise<void>} run
 */
async function withPostgres(url, run) {
  const { PrismaPg } = await import('@prisma/adapter-pg')
  const { config } = postgresConfig(url)
  /** @type {SqlDriverAdapter | undefined} */
  let connection
  try {
    connection = await new PrismaPg(config).connect()
    await run(connection)
  } catch (error) {
    throw postgresConnectionError(error, config)
  } finally {
    await connection?.dispose()
  }
}

/**
 * Maps pg failures to the P-codes the CLI understands.
 * @param {unknown} error
 * @param {import('pg').PoolConfig} config
 */
function postgresConnectionError(error, config) {
  const record = typeof error === 'object' && error !== null ? /** @type {Record<string, unknown>} */ (error) : {}
  const cause = typeof record.cause === 'object' && record.cause !== null ? /** @type {Record<string, unknown>} */ (record.cause) : {}
  const pgCode = cause.originalCode ?? record.code
  if (cause.kind === 'DatabaseDoesNotExist' || pgCode === '3D000') {
    return engineError('P1003', `Database \`${config.database}\` does not exist on the database server at \`${config.host}:${config.port}\`.`)
  }
  if (record.code === 'ECONNREFUSED' || record.code === 'ENOTFOUND' || cause.kind === 'DatabaseNotReachable') {
    return engineError('P1001', `Can't reach database server at \`${config.host}:${config.port}\``)
  }
  return error
}

/**
 * Runs one `cli` sub-command. Exit 0 on success; on failure exit 1 with the error
 * as a JSON log line on stderr, which the CLI parses (it skips the first line).
 * @param {EngineArgs} args
 */
async function runCliCommand(args) {
  log('INFO', `schema-engine stand-in: cli ${args.cliCommand ?? ''}`)
  try {
    const url = args.datasource?.url
    if (!url) throw new Error('No --datasource url was given.')
    switch (args.cliCommand) {
      case 'can-connect-to-database':
        await canConnect(url)
        break
      case 'create-database':
        await createDatabase(url)
        break
      default:
        throw new Error(`Unsupported cli sub-command "${args.cliCommand ?? ''}".`)
    }
    process.exitCode = 0
  } catch (error) {
    const code = errorCodeOf(error)
    log('ERROR', errorMessage(error), code && /^P\d{4}$/.test(code) ? { error_code: code } : {})
    process.exitCode = 1
  }
}

/* -------------------------------------------------------------------------- */
/* Entry point                                                                 */
/* -------------------------------------------------------------------------- */

function engineVersion() {
  // package.json is not in the package's `exports`, so find it beside the bindings.
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  /** @type {{ version: string }} */
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(bindingsPath), 'package.json'), 'utf8'))
  // "7.10.0-4.<engine commit>": the CLI shows the commit, as for the binary.
  return pkg.version.split('.').at(-1) ?? pkg.version
}

// Anything thrown outside a request (e.g. from inside the WASM engine after a
// panic) is logged in the format the CLI reads before the process dies, so the
// CLI reports the real message.
process.on('uncaughtException', (error) => {
  log('ERROR', errorMessage(error))
  process.exit(1)
})

/** @type {EngineArgs | undefined} */
let parsedArgs
/** @type {unknown} */
let argumentError
try {
  parsedArgs = parseArgs(process.argv.slice(2))
} catch (error) {
  argumentError = error
}

if (parsedArgs?.version) {
  process.stdout.write(`schema-engine-cli ${engineVersion()}\n`)
} else if (parsedArgs?.cliCommand) {
  await runCliCommand(parsedArgs)
} else {
  // Even bad arguments are reported per request rather than by exiting (gap 5).
  const args = parsedArgs ?? { datamodels: [], datasource: undefined, cliCommand: undefined, version: false }
  if (argumentError !== undefined) log('ERROR', errorMessage(argumentError))
  await serveJsonRpc(args, argumentError)
}
