/**
 * Prisma CLI configuration (Prisma 7 reads this instead of .env / schema urls).
 * The CLI is always run through scripts/prisma.mjs, which also sets the
 * schema-engine stand-in; the default URL below must match lib/env.ts.
 */
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    // Relative file: URLs resolve from the project root (the CLI's working directory).
    url: process.env.DATABASE_URL || 'file:./data/rls-workup.db',
  },
})
