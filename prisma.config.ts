/**
 * Prisma CLI configuration (Prisma 7 reads this instead of .env / schema urls).
 * The CLI is always run through scripts/prisma.mjs, which also sets the
 * schema-engine stand-in; the default URL below must match lib/env.ts.
 *
 * The URL picks the provider: file: → SQLite (prisma/schema.prisma, the source of truth);
 * postgres(ql):// → PostgreSQL (prisma/postgresql/, derived from it by scripts/postgres-schema.mjs).
 */
import { defineConfig } from 'prisma/config'

const url = process.env.DATABASE_URL || 'file:./data/rls-workup.db'
const postgres = /^postgres(ql)?:\/\//.test(url)

export default defineConfig({
  schema: postgres ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: {
    path: postgres ? 'prisma/postgresql/migrations' : 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    // Relative file: URLs resolve from the project root (the CLI's working directory).
    url,
  },
})
