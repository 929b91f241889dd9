// Proves the hand-written migrations build exactly the database schema.prisma describes:
// tables, columns, types, nullability, defaults, enums, primary keys, indexes and foreign keys.
// The expected side comes from Prisma's own schema parser (DMMF), not from our reading of the file.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { createTestDatabase } from '../helpers/database.js';

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType: [string, string[]] | null;
  default?: unknown;
  hasDefaultValue: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  fields: { name: string }[];
}

const require = createRequire(import.meta.url);
const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
const schema = fs.readFileSync(path.join(ROOT, 'prisma', 'schema.prisma'), 'utf8');
const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))).datamodel as {
  models: DmmfModel[];
  enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  indexes: DmmfIndex[];
};

// Indexes schema.prisma cannot express (expression, trigram and partial indexes), each created and
// explained in its migration. Anything else in the database must come from schema.prisma.
const INDEXES_OUTSIDE_PRISMA = new Set(['consultation_title_trgm_idx', 'document_text_pending_idx', 'consultation_summary_trgm_idx', 'search_word_trgm_idx',
  ...['consultation', 'news', 'investment', 'survey', 'document'].flatMap((kind) => [`search_entry_${kind}_idx`, `search_entry_${kind}_title_idx`])]);
// Columns of types Prisma has no name for (the search index's generated tsvector), as table.column.
const COLUMNS_OUTSIDE_PRISMA = new Set(['search_entry.vector']);

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;
const modelByName = new Map(dmmf.models.map((m) => [m.name, m]));
const column = (modelName: string, fieldName: string) => columnOf(modelByName.get(modelName)!.fields.find((f) => f.name === fieldName)!);

/** The PostgreSQL type Prisma's migrate would create for a field, as format_type() prints it. */
function expectedType(field: DmmfField): string {
  if (field.kind === 'enum') return `"${field.type}"${field.isList ? '[]' : ''}`;
  const [native, args = []] = field.nativeType ?? [];
  const n = args[0];
  switch (native) {
    case 'VarChar':
      return n ? `character varying(${n})` : 'character varying';
    case 'Char':
      return `character(${n ?? 1})`;
    case 'Text':
      return 'text';
    case 'Timestamptz':
      return `timestamp(${n ?? 6}) with time zone`;
    case 'Timestamp':
      return `timestamp(${n ?? 6}) without time zone`;
    case 'Date':
      return 'date';
    case 'Json':
      return 'json';
    case 'JsonB':
      return 'jsonb';
    case 'Uuid':
      return 'uuid';
    case 'SmallInt':
      return 'smallint';
    case 'Decimal':
      return `numeric(${args.join(',')})`;
    case undefined:
      break;
    default:
      throw new Error(`native type ${native} not mapped in this test yet`);
  }
  const plain: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    DateTime: 'timestamp(3) without time zone',
    Json: 'jsonb',
    Float: 'double precision',
    Decimal: 'numeric(65,30)',
    Bytes: 'bytea',
  };
  const type = plain[field.type];
  if (!type) throw new Error(`type ${field.type} not mapped in this test yet`);
  return field.isList ? `${type}[]` : type;
}

function expectedDefault(field: DmmfField): string | null {
  if (!field.hasDefaultValue || field.default === undefined) return null;
  const value = field.default as { name?: string } | string | number | boolean;
  if (typeof value === 'object' && value !== null && 'name' in value) {
    if (value.name === 'autoincrement') return 'nextval';
    if (value.name === 'now') return 'CURRENT_TIMESTAMP';
    throw new Error(`default function ${value.name} not mapped in this test yet`);
  }
  if (Array.isArray(value) && value.length === 0) return `ARRAY[]::${expectedType(field)}`;
  if (typeof value === 'string') {
    if (field.kind === 'enum') return `'${value}'::"${field.type}"`;
    return `'${value}'::${field.nativeType?.[0] === 'VarChar' ? 'character varying' : 'text'}`;
  }
  return String(value);
}

let client: pg.Client;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await drop?.();
});

describe('the migrated database matches prisma/schema.prisma', () => {
  it('has exactly the tables of the models (plus the migration record)', async () => {
    const { rows } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(rows.map((r) => r.tablename).filter((t) => t !== '_prisma_migrations').sort()).toEqual(dmmf.models.map(tableOf).sort());
  });

  it('has the enums with the same values in the same order', async () => {
    const { rows } = await client.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY 1`,
    );
    const expected = dmmf.enums.map((e) => ({ name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) }));
    expect(rows).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });

  for (const model of dmmf.models) {
    it(`table ${tableOf(model)}: columns, types, nullability and defaults`, async () => {
      const { rows } = await client.query<{ name: string; type: string; notnull: boolean; default: string | null }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
                pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname`,
        [`"${tableOf(model)}"`],
      );
      const actual = rows.filter((r) => !COLUMNS_OUTSIDE_PRISMA.has(`${tableOf(model)}.${r.name}`)).map((r) => ({
        name: r.name,
        type: r.type,
        required: r.notnull,
        default: r.default === null ? null : r.default.startsWith('nextval(') ? 'nextval' : r.default,
      }));
      const expected = model.fields
        .filter((f) => f.kind !== 'object')
        .map((f) => ({ name: columnOf(f), type: expectedType(f), required: f.isRequired, default: expectedDefault(f) }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(actual).toEqual(expected);
    });
  }

  it('has the primary keys, unique and plain indexes, with Prisma’s names', async () => {
    const { rows } = await client.query<{ table: string; name: string; columns: string[]; unique: boolean; primary: boolean }>(
      `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
              array_agg(a.attname ORDER BY k.ord)::text[] AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations' AND NOT (i.relname = ANY($1::text[]))
       GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`,
      [[...INDEXES_OUTSIDE_PRISMA]],
    );
    const actual = rows.map((r) => `${r.table} ${r.primary ? 'pk' : r.unique ? 'unique' : 'index'} ${r.name} (${r.columns.join(', ')})`).sort();
    const expected = dmmf.indexes
      .map((index) => {
        const model = modelByName.get(index.model)!;
        const table = tableOf(model);
        const columns = index.fields.map((f) => column(index.model, f.name));
        const kind = index.type === 'id' ? 'pk' : index.type === 'unique' ? 'unique' : 'index';
        const name = index.dbName ?? (kind === 'pk' ? `${table}_pkey` : `${table}_${columns.join('_')}_${kind === 'unique' ? 'key' : 'idx'}`);
        return `${table} ${kind} ${name} (${columns.join(', ')})`;
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has the foreign keys with their columns, targets and ON DELETE rules', async () => {
    const { rows } = await client.query<{ def: string; name: string; table: string }>(
      `SELECT c.conname AS name, t.relname AS table, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    const actual = rows.map((r) => `${r.table} ${r.name} ${r.def}`).sort();
    const onDelete: Record<string, string> = { Restrict: ' ON DELETE RESTRICT', SetNull: ' ON DELETE SET NULL', Cascade: ' ON DELETE CASCADE', NoAction: '', SetDefault: ' ON DELETE SET DEFAULT' };
    const expected = dmmf.models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
          .map((f) => {
            const table = tableOf(model);
            const from = f.relationFromFields!.map((name) => column(model.name, name));
            const to = f.relationToFields!.map((name) => column(f.type, name));
            const rule = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull');
            const quote = (names: string[]) => names.map((n) => (/^[a-z_][a-z0-9_]*$/.test(n) ? n : `"${n}"`)).join(', ');
            return `${table} ${table}_${from.join('_')}_fkey FOREIGN KEY (${quote(from)}) REFERENCES ${tableOf(modelByName.get(f.type)!)}(${quote(to)}) ON UPDATE CASCADE${onDelete[rule]}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
