/**
 * GitHub's own OpenAPI description of its REST API (the `api.github.com.json` of @octokit/openapi, which is
 * github/rest-api-description with Octokit's extensions), as the GitHub stand-in checks requests and its own
 * answers against it: every request is matched to an operation by method and path template, its path and query
 * parameters and JSON body are validated against the operation's schemas, and so is every answer's body.
 *
 * The description is OpenAPI 3.0: its schemas are JSON Schema with `nullable: true` instead of a `null` type,
 * and `$ref`s into `#/components/...`. The file (13 MB) is read once per process, on the first request; its
 * schemas are converted in place (nullable → null allowed), the whole document is added to one ajv instance as
 * `gh`, and each operation's validators are compiled on first use as `{ $ref: 'gh#/paths/…' }` and cached, so
 * the sub-schemas they share (issue, simple-user, repository) are compiled once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

type Json = Record<string, unknown>;

/** One operation of the description. */
export interface Operation {
  /** e.g. `issues/get`. */
  operationId: string;
  /** Upper case, e.g. `PATCH`. */
  method: string;
  /** e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  /** Its page on docs.github.com (GitHub's errors name it as `documentation_url`). */
  documentationUrl: string;
}

/** What is wrong with a request, for the contract (ajv's words) and for the 422 answer (GitHub's words). */
interface RequestProblems {
  violations: string[];
  /** Sentences for GitHub's `Invalid request.\n\n…` message. */
  messages: string[];
}

interface Route {
  operation: Operation;
  segments: string[];
  pointer: string;
  definition: Json;
}

interface Compiled {
  path?: ValidateFunction;
  query?: ValidateFunction;
  body?: ValidateFunction;
  responses: Map<number, ValidateFunction | null>;
}

interface Description {
  document: Json;
  routes: Route[];
  ajv: Ajv;
  compiled: Map<string, Compiled>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

let description: Description | undefined;

/** The description, read and prepared on the first call. */
function described(): Description {
  if (description) return description;
  const require = createRequire(import.meta.url);
  const file = require
    .resolve('@octokit/openapi/package.json')
    .replace(/package\.json$/, 'generated/api.github.com.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const formats = new Set<string>();
  forEachSchema(document, (schema) => convertSchema(schema, formats));
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, addUsedSchema: false });
  // Simple checks of the formats GitHub's answers carry; the others (int64, uri-template, repo.nwo, …) pass.
  const checks: Record<string, RegExp> = {
    'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    date: /^\d{4}-\d{2}-\d{2}$/,
    uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
    email: /^[^\s@]+@[^\s@]+$/,
  };
  for (const format of formats) ajv.addFormat(format, checks[format] ?? true);
  ajv.addSchema(document, 'gh');
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, definition] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const operation = definition as Json;
      routes.push({
        operation: {
          operationId: String(operation.operationId),
          method: method.toUpperCase(),
          template,
          documentationUrl: String(
            (operation.externalDocs as Json | undefined)?.url ?? 'https://docs.github.com/rest',
          ),
        },
        segments: template.split('/').slice(1),
        pointer: `/paths/${escapePointer(template)}/${method}`,
        definition: operation,
      });
    }
  }
  // Literal segments before parameters, position by position: /repos/{owner}/{repo}/issues/comments/{comment_id}
  // is tried before /repos/{owner}/{repo}/issues/{issue_number}/comments.
  const shape = (route: Route) => route.segments.map((s) => (s.startsWith('{') ? 'P' : 'L')).join('');
  routes.sort((a, b) => (shape(a) < shape(b) ? -1 : shape(a) > shape(b) ? 1 : 0));
  description = { document, routes, ajv, compiled: new Map() };
  return description;
}

/**
 * The operation a request is for, with its path parameters (percent-decoded), or what the description says
 * about the path: `method-not-described` when the path has operations but not this method.
 */
export function matchOperation(
  method: string,
  path: string,
): { operation: Operation; params: Record<string, string> } | 'not-described' | 'method-not-described' {
  const segments = path.split('/').slice(1);
  let pathKnown = false;
  for (const route of described().routes) {
    if (route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = route.segments.every((segment, i) => {
      const actual = segments[i] ?? '';
      if (!segment.startsWith('{')) return segment === actual;
      if (actual === '') return false;
      params[segment.slice(1, -1)] = decodeURIComponent(actual);
      return true;
    });
    if (!fits) continue;
    pathKnown = true;
    if (route.operation.method === method.toUpperCase()) return { operation: route.operation, params };
  }
  return pathKnown ? 'method-not-described' : 'not-described';
}

/**
 * Problems with a request's path and query parameters and JSON body. Beyond the schemas, a query parameter or
 * top-level body property the operation does not describe is a problem too: GitHub ignores it, so whatever the
 * caller meant by it silently does not happen.
 */
export function requestProblems(
  operation: Operation,
  request: { params: Record<string, string>; query: Record<string, string>; body: unknown },
): RequestProblems {
  const route = routeOf(operation);
  const compiled = compiledFor(route);
  const violations: string[] = [];
  const messages: string[] = [];
  const parameters = parametersOf(route);
  const queryNames = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of Object.keys(request.query)) {
    if (queryNames.has(name)) continue;
    violations.push(`query parameter \`${name}\` is not a parameter of the operation`);
    messages.push(`'${name}' is not a permitted query parameter.`);
  }
  const check = (validate: ValidateFunction | undefined, value: unknown, where: string) => {
    if (!validate || validate(value)) return;
    for (const error of validate.errors ?? []) {
      violations.push(`${where} ${describeError(error)}`);
      messages.push(inGitHubsWords(error, value));
    }
  };
  check(compiled.path, coerce(request.params, parameters, 'path'), 'path parameters:');
  check(compiled.query, coerce(request.query, parameters, 'query'), 'query parameters:');
  const body = route.definition.requestBody as Json | undefined;
  if (body) {
    if (request.body === undefined) {
      if (body.required === true) {
        violations.push('the request has no JSON body, which the operation requires');
        messages.push('Problems parsing JSON');
      }
    } else {
      check(compiled.body, request.body, 'request body:');
      const schema = bodySchema(route);
      const properties = schema?.properties as Json | undefined;
      if (properties && isObject(request.body) && schema?.additionalProperties === undefined) {
        for (const name of Object.keys(request.body)) {
          if (name in properties) continue;
          violations.push(`request body: property \`${name}\` is not one the operation takes`);
          messages.push(`For 'properties', "${name}" is not a permitted key.`);
        }
      }
    }
  } else if (request.body !== undefined && isObject(request.body) && Object.keys(request.body).length > 0) {
    violations.push('the request has a JSON body, which the operation does not take');
    messages.push('The operation does not take a request body.');
  }
  return { violations: dedupe(violations), messages: dedupe(messages) };
}

/**
 * Problems with an answer's JSON body against the operation's response schema for its status. A status the
 * operation does not list is only a problem when it is a success (GitHub answers errors, 401 say, that its
 * description leaves out).
 */
export function responseProblems(operation: Operation, status: number, body: unknown): string[] {
  const route = routeOf(operation);
  const compiled = compiledFor(route);
  if (!compiled.responses.has(status)) {
    const listed = (route.definition.responses as Json)[String(status)] as Json | undefined;
    const response = resolve(listed) as Json | undefined;
    if (!response) {
      if (status < 300) return [`the description lists no ${status} answer for the operation`];
      compiled.responses.set(status, null);
      return [];
    }
    const responsePointer =
      typeof listed?.$ref === 'string' ? listed.$ref.slice(1) : `${route.pointer}/responses/${status}`;
    const hasJson = Boolean((response.content as Json | undefined)?.['application/json']);
    const schemaPointer = escapeFragment(`${responsePointer}/content/application~1json/schema`);
    compiled.responses.set(status, hasJson ? described().ajv.compile({ $ref: `gh#${schemaPointer}` }) : null);
  }
  const validate = compiled.responses.get(status);
  const problems = validate && !validate(body) ? (validate.errors ?? []).map(describeError) : [];
  if (operation.operationId === TIMELINE && Array.isArray(body)) problems.push(...timelineProblems(body));
  return dedupe(problems).slice(0, 12);
}

const TIMELINE = 'issues/list-events-for-timeline';

/**
 * The timeline's items are `anyOf` 33 event schemas, two of which (timeline-line-commented-event,
 * timeline-commit-commented-event) require nothing, so any object passes. Each item the stand-in answers is
 * checked as well against the schema its `event` names.
 */
const TIMELINE_EVENTS: Readonly<Record<string, string>> = {
  'cross-referenced': 'timeline-cross-referenced-event',
  commented: 'timeline-comment-event',
  labeled: 'labeled-issue-event',
  unlabeled: 'unlabeled-issue-event',
  renamed: 'renamed-issue-event',
  assigned: 'timeline-assigned-issue-event',
  unassigned: 'timeline-unassigned-issue-event',
  closed: 'state-change-issue-event',
  reopened: 'state-change-issue-event',
};

function timelineProblems(items: unknown[]): string[] {
  const { ajv } = described();
  return items.flatMap((item, i) => {
    const schema = isObject(item) ? TIMELINE_EVENTS[String(item.event)] : undefined;
    if (!schema) return [`/${i} is an event the stand-in does not know the schema of`];
    const validate = ajv.getSchema(`gh#/components/schemas/${schema}`);
    if (!validate || validate(item)) return [];
    return (validate.errors ?? []).map(
      (error) => `/${i}${describeError(error).replace(/^\(the whole value\)/, '')}`,
    );
  });
}

function routeOf(operation: Operation): Route {
  const route = described().routes.find((r) => r.operation === operation);
  if (!route) throw new Error(`No route for ${operation.operationId}`);
  return route;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
  pointer: string;
}

function parametersOf(route: Route): Parameter[] {
  return ((route.definition.parameters as Json[] | undefined) ?? []).map((raw, i) => {
    const ref = typeof raw.$ref === 'string' ? raw.$ref : undefined;
    const parameter = (ref ? resolve(raw) : raw) as Json;
    return {
      name: String(parameter.name),
      in: String(parameter.in),
      required: parameter.required === true,
      schema: resolve(parameter.schema) as Json | undefined,
      pointer: `${ref ? ref.slice(1) : `${route.pointer}/parameters/${i}`}/schema`,
    };
  });
}

function bodySchema(route: Route): Json | undefined {
  const content = (route.definition.requestBody as Json | undefined)?.content as Json | undefined;
  return resolve((content?.['application/json'] as Json | undefined)?.schema) as Json | undefined;
}

function compiledFor(route: Route): Compiled {
  const { ajv, compiled } = described();
  const cached = compiled.get(route.operation.operationId);
  if (cached) return cached;
  const parameters = parametersOf(route);
  const group = (where: string) => {
    const some = parameters.filter((p) => p.in === where);
    if (some.length === 0) return undefined;
    return ajv.compile({
      type: 'object',
      properties: Object.fromEntries(some.map((p) => [p.name, { $ref: `gh#${escapeFragment(p.pointer)}` }])),
      required: some.filter((p) => p.required).map((p) => p.name),
    });
  };
  const entry: Compiled = { path: group('path'), query: group('query'), responses: new Map() };
  if (bodySchema(route)) {
    entry.body = ajv.compile({
      $ref: `gh#${escapeFragment(`${route.pointer}/requestBody/content/application~1json/schema`)}`,
    });
  }
  compiled.set(route.operation.operationId, entry);
  return entry;
}

/** Query and path parameters arrive as strings; they are typed as the parameter's schema says before checking. */
function coerce(
  values: Record<string, string>,
  parameters: Parameter[],
  where: string,
): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const parameter = parameters.find((p) => p.in === where && p.name === name);
    const declared = parameter?.schema?.type;
    const type = Array.isArray(declared) ? declared[0] : declared;
    if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value))
      typed[name] = Number(value);
    else if (type === 'boolean' && (value === 'true' || value === 'false')) typed[name] = value === 'true';
    else typed[name] = value;
  }
  return typed;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '(the whole value)';
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return `${where} ${error.message ?? 'is invalid'}${allowed ? ` (${allowed.map((v) => JSON.stringify(v)).join(', ')})` : ''}`;
}

/** An ajv error as GitHub words its JSON-schema validation failures (`For 'properties/state', "x" is not …`). */
function inGitHubsWords(error: ErrorObject, value: unknown): string {
  if (error.keyword === 'required') {
    return `"${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
  }
  const segments = error.instancePath.split('/').slice(1);
  const at = segments.reduce<unknown>(
    (v, key) => (isObject(v) || Array.isArray(v) ? (v as Json)[key] : undefined),
    value,
  );
  const where =
    segments.map((s) => (/^\d+$/.test(s) ? 'items' : `properties/${s}`)).join('/') || 'properties';
  const shown = JSON.stringify(at) ?? 'nil';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.filter((v) => v !== null);
    return `For '${where}', ${shown} is not a member of [${allowed.map((v) => JSON.stringify(v)).join(', ')}].`;
  }
  if (error.keyword === 'type')
    return `For '${where}', ${shown} is not ${withArticle(String(error.params.type))}.`;
  return `For '${where}', ${shown} ${error.message ?? 'is invalid'}.`;
}

function withArticle(type: string): string {
  const name = type.replace(/,null$/, '');
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** Calls `visit` on every schema of the document (children first), wherever operations and components keep them. */
function forEachSchema(document: Json, visit: (schema: Json) => void): void {
  const components = document.components as Record<string, Record<string, Json>>;
  const walkContent = (holder: Json | undefined) => {
    for (const media of Object.values((holder?.content as Record<string, Json> | undefined) ?? {})) {
      walkSchema(media.schema, visit);
    }
  };
  for (const schema of Object.values(components.schemas ?? {})) walkSchema(schema, visit);
  for (const parameter of Object.values(components.parameters ?? {})) walkSchema(parameter.schema, visit);
  for (const header of Object.values(components.headers ?? {})) walkSchema(header.schema, visit);
  for (const response of Object.values(components.responses ?? {})) walkContent(response);
  for (const item of Object.values(document.paths as Record<string, Json>)) {
    for (const [method, definition] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const operation = definition as Json;
      for (const parameter of (operation.parameters as Json[] | undefined) ?? [])
        walkSchema(parameter.schema, visit);
      walkContent(operation.requestBody as Json | undefined);
      for (const response of Object.values((operation.responses as Record<string, Json> | undefined) ?? {})) {
        walkContent(response);
      }
    }
  }
}

function walkSchema(schema: unknown, visit: (schema: Json) => void): void {
  if (!isObject(schema)) return;
  for (const key of ['properties', 'patternProperties']) {
    if (isObject(schema[key])) for (const child of Object.values(schema[key])) walkSchema(child, visit);
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    const child = schema[key];
    if (Array.isArray(child)) for (const c of child) walkSchema(c, visit);
    else walkSchema(child, visit);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const children = schema[key];
    if (Array.isArray(children)) for (const child of children) walkSchema(child, visit);
  }
  visit(schema);
}

/**
 * OpenAPI 3.0 → JSON Schema, in place: `nullable: true` allows null (OpenAPI 3.0.3, "Fixed Fields" of the Schema
 * Object: "A true value adds "null" to the allowed types"). A plain typed schema gets `null` among its types
 * (and its enum); one built of `$ref`/allOf/anyOf/oneOf becomes `anyOf: [null, itself]`, since those would
 * refuse null on their own. Formats in use are collected to be declared to ajv.
 */
function convertSchema(schema: Json, formats: Set<string>): void {
  if (typeof schema.format === 'string') formats.add(schema.format);
  if (schema.nullable !== true) return;
  delete schema.nullable;
  const combined = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not'].some((key) => key in schema);
  if (!combined && typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    return;
  }
  if (!combined && schema.type === undefined) {
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    return;
  }
  const itself = { ...schema };
  for (const key of Object.keys(schema)) delete schema[key];
  schema.anyOf = [{ type: 'null' }, itself];
}

/** Follows a `$ref` into the document (once per hop), or gives the value itself. */
function resolve(value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 8 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const pointer = current.$ref.replace(/^#/, '');
    current = pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), described().document);
  }
  return current;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON pointer as a URI fragment (GitHub's templates have `{` and `}`). */
function escapeFragment(pointer: string): string {
  return pointer
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
