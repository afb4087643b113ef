export const SOURCE_SCHEMA: string;
export const PG_SCHEMA: string;
export const PG_MIGRATIONS: string;
export function derivePostgresSchema(source: string): string;
export function writePostgresSchema(): string;
