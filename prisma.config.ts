import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads its Rust schema engine before every command; `generate` does not
// need it, so point the variable at an existing file to keep generation offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
