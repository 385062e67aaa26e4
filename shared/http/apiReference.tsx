/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { API_REFERENCE_CSS, API_REFERENCE_CSS_PATH } from './apiReferenceStyle';
import type { OpenApiDocument } from './openapi';

/**
 * The readable API reference at `/api/docs`: rendered on the server from the OpenAPI document, plain
 * HTML with its own small stylesheet (no script, nothing from another origin).
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; headers?: Record<string, { description?: string }> }>;
};

const METHODS = ['get', 'put', 'patch', 'post', 'delete'] as const;

function resolver(document: OpenApiDocument) {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  return (schema: Schema | undefined): Schema | undefined => {
    let current = schema;
    for (let depth = 0; current?.$ref && depth < 10; depth++) {
      current = schemas[current.$ref.replace('#/components/schemas/', '')];
    }
    return current;
  };
}

function typeOf(schema: Schema | undefined, resolve: ReturnType<typeof resolver>): string {
  if (!schema) return 'any';
  if (schema.$ref) return schema.$ref.replace('#/components/schemas/', '');
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return union.map((s) => typeOf(s, resolve)).join(' | ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items, resolve)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  notes: string;
}

function notesOf(schema: Schema): string {
  const parts = [schema.description ?? ''];
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    parts.push(`${schema.minimum ?? '…'}–${schema.maximum ?? '…'}`);
  }
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.filter(Boolean).join('; ');
}

/** The fields of a body, nested objects as dotted paths, a few levels deep. */
function fieldRows(
  schema: Schema | undefined,
  resolve: ReturnType<typeof resolver>,
  prefix = '',
  depth = 0,
): FieldRow[] {
  const resolved = resolve(schema);
  if (!resolved?.properties || depth > 3) return [];
  return Object.entries(resolved.properties).flatMap(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const target = resolve(property) ?? property;
    const row: FieldRow = {
      path,
      type: typeOf(property, resolve),
      required: resolved.required?.includes(name) ?? false,
      notes: notesOf({ ...target, description: property.description ?? target.description }),
    };
    return [row, ...fieldRows(property, resolve, path, depth + 1)];
  });
}

const anchorOf = (method: string, path: string) =>
  `${method}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

function Fields(props: { rows: FieldRow[]; caption: string }) {
  if (props.rows.length === 0) return <p>No fields.</p>;
  return (
    <div class="table">
      <table>
        <caption class="vh">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <td>
                <code>{row.path}</code>
              </td>
              <td>{row.type}</td>
              <td>{row.required ? 'yes' : 'no'}</td>
              <td>{row.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OperationSection(props: {
  method: string;
  path: string;
  operation: Operation;
  resolve: ReturnType<typeof resolver>;
}) {
  const { method, path, operation, resolve } = props;
  const title = `${method.toUpperCase()} ${path}`;
  const parameters = operation.parameters ?? [];
  const bodies = Object.entries(operation.requestBody?.content ?? {});
  return (
    <section aria-labelledby={anchorOf(method, path)}>
      <h2 id={anchorOf(method, path)}>
        <span class="method">{method.toUpperCase()}</span> <code>{path}</code>
      </h2>
      {operation.summary && <p>{operation.summary}.</p>}
      {operation.description && <p>{operation.description}</p>}
      <h3>Parameters</h3>
      {parameters.length === 0 ? (
        <p>None.</p>
      ) : (
        <div class="table">
          <table>
            <caption class="vh">Parameters of {title}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Required</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {parameters.map((p) => (
                <tr>
                  <td>
                    <code>{p.name}</code>
                  </td>
                  <td>{p.in}</td>
                  <td>{typeOf(p.schema, resolve)}</td>
                  <td>{p.required ? 'yes' : 'no'}</td>
                  <td>{p.description ?? p.schema?.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bodies.map(([mediaType, content]) => (
        <>
          <h3>
            Request body (<code>{mediaType}</code>)
          </h3>
          {content.schema?.description && <p>{content.schema.description}</p>}
          <Fields rows={fieldRows(content.schema, resolve)} caption={`Request body of ${title}`} />
        </>
      ))}
      <h3>Responses</h3>
      <ul>
        {Object.entries(operation.responses ?? {}).map(([status, response]) => (
          <li>
            <strong>{status}</strong> — {response.description ?? ''}
            {response.headers &&
              Object.entries(response.headers).map(([name, header]) => (
                <>
                  {' '}
                  Header <code>{name}</code>: {header.description ?? ''}
                </>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function renderApiReference(document: OpenApiDocument, base = ''): string {
  const resolve = resolver(document);
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
  const server = document.servers?.[0]?.url ?? '';
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{document.info.title} reference</title>
        <link rel="stylesheet" href={`${base}/api${API_REFERENCE_CSS_PATH}`} />
      </head>
      <body>
        <main>
          <h1>{document.info.title} reference</h1>
          <p>{document.info.description}</p>
          <p>
            Server: <code>{server}</code>. Every route needs <code>Authorization: Bearer &lt;token&gt;</code>.
            The machine-readable document is <a href={`${base}/api/openapi.json`}>/api/openapi.json</a>{' '}
            (OpenAPI {document.openapi}).
          </p>
          <nav aria-label="Routes">
            <ul class="toc">
              {operations.map(({ method, path, operation }) => (
                <li>
                  <a href={`#${anchorOf(method, path)}`}>
                    {method.toUpperCase()} {path}
                  </a>
                  {operation.summary ? ` — ${operation.summary}` : ''}
                </li>
              ))}
            </ul>
          </nav>
          {operations.map(({ method, path, operation }) => (
            <OperationSection method={method} path={path} operation={operation} resolve={resolve} />
          ))}
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}

/** `GET /openapi.json`, `GET /docs` and the page's stylesheet, mounted under `/api`. */
export function apiDocs(document: () => OpenApiDocument, base: string) {
  const app = new Hono();
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(renderApiReference(document(), base)));
  app.get(API_REFERENCE_CSS_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(API_REFERENCE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  return app;
}
