#!/usr/bin/env node
/**
 * Runs the locally installed Prisma CLI with this project's environment.
 * Every `npm run db:*` script (and postinstall) goes through here.
 *
 * Why: the Prisma 7 CLI insists on downloading its native schema-engine binary,
 * which cannot be downloaded on these machines. Pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at our stand-in (scripts/schema-engine.mjs, built on
 * the WASM engine) makes it skip the download and use the stand-in instead.
 *
 * Usage: node scripts/prisma.mjs <prisma arguments…>
 */

import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Must match prisma.config.ts and lib/env.ts. Relative to the project root. */
const DEFAULT_DATABASE_URL = 'file:./data/rls-workup.db'

const env = {
  ...process.env,
  // Absolute, because the CLI spawns the engine with its own working directory.
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(projectRoot, 'scripts', 'schema-engine.mjs'),
  // No telemetry or update checks: both would try to reach the network.
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
}

// SQLite creates the file but not its folder; create the default one up front.
if (env.DATABASE_URL === DEFAULT_DATABASE_URL) {
  mkdirSync(path.join(projectRoot, 'data'), { recursive: true })
}

const cli = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js')
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  // Relative file: URLs (and prisma.config.ts) resolve from the project root.
  cwd: projectRoot,
  env,
  stdio: 'inherit',
})

// Forward Ctrl-C / termination so the CLI can clean up its engine process.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => child.kill(signal))
}

child.on('error', (error) => {
  console.error(`Could not start the Prisma CLI (${cli}): ${error.message}`)
  process.exit(1)
})

child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0))
})
