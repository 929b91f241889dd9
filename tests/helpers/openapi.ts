// Validates API answers against the OpenAPI document the app itself serves: the operation is found by
// its path template, the schema by the answer's status, and ajv (JSON Schema 2020-12, formats) checks it.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
}
export interface OpenApiDocument {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, { get: Operation }>;
  components: { schemas: Record<string, unknown> };
}

export function openApiValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  // Keywords OpenAPI adds beside JSON Schema's, and the document itself, under one id so that
  // "#/components/schemas/X" references resolve.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components', 'tags', 'jsonSchemaDialect']);
  ajv.addSchema(doc, 'openapi.json');
  const compiled = new Map<string, ValidateFunction>();
  const apiPath = new URL(doc.servers[0]!.url).pathname;

  const templates = Object.keys(doc.paths).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));

  /** The operation of a request path (e.g. /api/v1/news/abc?page=2). */
  function operationOf(url: string): { template: string; operation: Operation } {
    const path = new URL(url, 'http://x').pathname.slice(apiPath.length);
    const found = templates.find((t) => t.regex.test(path));
    if (!found) throw new Error(`no operation in the OpenAPI document for ${path}`);
    return { template: found.template, operation: doc.paths[found.template]!.get };
  }

  /** Asserts that the answer is one the document describes for this path and status. */
  function expectValid(url: string, status: number, body: unknown): void {
    const { template, operation } = operationOf(url);
    const response = operation.responses[String(status)];
    if (!response) throw new Error(`the document gives no ${status} answer for ${template}`);
    const ref = response.content?.['application/json']?.schema.$ref;
    if (!ref) throw new Error(`the ${status} answer of ${template} has no JSON schema`);
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi.json${ref}` });
      compiled.set(ref, validate);
    }
    const valid = validate(body);
    expect(valid ? [] : validate.errors, `${url} (${status}) against ${ref}`).toEqual([]);
  }

  /** The query parameters the document declares for a path. */
  function parametersOf(url: string): string[] {
    return (operationOf(url).operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  }

  return { expectValid, parametersOf };
}
