/**
 * Every Web API call's argument names against Slack's own OpenAPI description of the Web API
 * (functions/local/dev/slack-reference/slack_web_openapi_v2_without_examples.json, slackapi/slack-api-specs; see
 * SOURCES.md there): a call to a method the description covers, with an argument the method does not take or
 * without one it requires, is refused `invalid_arguments` (Slack's answer to arguments it cannot use, e.g.
 * views.open's "[ERROR] missing required field"), the argument named in `response_metadata.messages`. Real
 * Slack ignores some unknown arguments; the stand-in does not, because an argument Slack ignores is a feature
 * that silently does not work. Methods the description does not cover (it is from 2021) pass. Every refusal
 * is also kept in `argumentRefusals`, which the end-to-end suites assert empty after each test
 * (test/helpers/strict-slack-setup.ts): a call htg gets wrong fails the test even when htg swallows the error.
 */
import { readFileSync } from 'node:fs';
import type { Refusal, SlackCall, SlackRule } from './types.js';

interface MethodArguments {
  allowed: Set<string>;
  required: Set<string>;
}

type OpenApi = {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; required?: boolean }> }>>;
};

/** The token is sent in the Authorization header by WebClient; the description lists it as an argument. */
const AUTHORIZATION = 'token';

/**
 * Arguments WebClient adds to calls on its own: Bolt gives each listener's client the team of the request
 * (bolt-js App.js: "Add teamId to clientOptions so it can be automatically added to web-api calls") and
 * @slack/web-api's WebClient.apiCall sends it as `team_id` with every call. Slack takes it (org-wide apps
 * name the workspace with it) and ignores it otherwise.
 */
const ADDED_BY_WEB_CLIENT = ['team_id'];

/**
 * Arguments Slack documents (docs.slack.dev/reference/methods/<method>) that postdate the 2021 description.
 * Only what htg may send is listed; add one with the docs page's word for it.
 */
const NEWER_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  // Message metadata (2022) and `markdown_text` (2025) on docs.slack.dev/reference/methods/chat.postMessage.
  'chat.postMessage': ['metadata', 'markdown_text'],
  // docs.slack.dev/reference/methods/chat.update: metadata, reply_broadcast, file_ids, markdown_text.
  'chat.update': ['metadata', 'reply_broadcast', 'file_ids', 'markdown_text'],
  // docs.slack.dev/reference/methods/chat.postEphemeral: markdown_text.
  'chat.postEphemeral': ['markdown_text'],
};

let described: Map<string, MethodArguments> | undefined;

/** Each method the description covers, with its argument names (read once, on the first call). */
export function describedMethods(): Map<string, MethodArguments> {
  if (!described) {
    const file = new URL('../slack-reference/slack_web_openapi_v2_without_examples.json', import.meta.url);
    const spec = JSON.parse(readFileSync(file, 'utf8')) as OpenApi;
    described = new Map();
    for (const [path, operations] of Object.entries(spec.paths)) {
      const method = path.replace(/^\//, '');
      const allowed = new Set([...ADDED_BY_WEB_CLIENT, ...(NEWER_ARGUMENTS[method] ?? [])]);
      const required = new Set<string>();
      for (const operation of Object.values(operations)) {
        for (const parameter of operation.parameters ?? []) {
          allowed.add(parameter.name);
          if (parameter.required && parameter.name !== AUTHORIZATION) required.add(parameter.name);
        }
      }
      described.set(method, { allowed, required });
    }
  }
  return described;
}

/** Calls refused for their arguments since the last `takeArgumentRefusals` (every stand-in in this process). */
const argumentRefusals: Array<{ method: string; messages: string[]; text?: string }> = [];

/** The argument refusals so far, emptying the list. */
export function takeArgumentRefusals(): Array<{ method: string; messages: string[]; text?: string }> {
  return argumentRefusals.splice(0);
}

/** The problems with a call's argument names, in Slack's `[ERROR] …` words; none for an undescribed method. */
export function argumentProblems(call: SlackCall): string[] {
  const method = describedMethods().get(call.method);
  if (!method) return [];
  const problems: string[] = [];
  for (const name of Object.keys(call.args)) {
    if (!method.allowed.has(name)) problems.push(`[ERROR] unknown argument \`${name}\` for ${call.method}`);
  }
  for (const name of method.required) {
    if (call.args[name] === undefined || call.args[name] === '')
      problems.push(`[ERROR] missing required argument \`${name}\` for ${call.method}`);
  }
  return problems;
}

export const openApiArguments: SlackRule = (call): Refusal | undefined => {
  const messages = argumentProblems(call);
  if (messages.length === 0) return undefined;
  // The start of the message's text says which of htg's messages it was, when a test reports the refusal.
  const text = typeof call.args.text === 'string' ? call.args.text.slice(0, 160) : undefined;
  argumentRefusals.push({ method: call.method, messages, ...(text ? { text } : {}) });
  return { error: 'invalid_arguments', detail: { response_metadata: { messages } } };
};
