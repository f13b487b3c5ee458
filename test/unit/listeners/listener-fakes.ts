/**
 * What a listener callback needs, in memory: ListenerDependencies over the in-memory stores, a recording `ack`
 * and a recording stand-in for the few methods of Bolt's per-request client the listeners use.
 */
import type { Logger } from '../../../functions/adapters/logger.js';
import type { UserInfoClient } from '../../../functions/adapters/slack/bot-users.js';
import type { ReplyClient } from '../../../functions/adapters/slack/replies.js';
import type { ListenerDependencies } from '../../../functions/slack/listeners/dependencies.js';
import { type InMemoryStores, notImplemented } from '../../helpers/fakes/stores.js';

/** A logger that keeps warnings and errors (their first argument), so a test can say nothing went wrong. */
function recordingLogger() {
  const problems: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => problems.push(`warn: ${String(message)}`),
    error: (message) => problems.push(`error: ${String(message)}`),
    setLevel: () => {},
    getLevel: () => 'info',
    setName: () => {},
    redact: () => {},
  };
  return { logger, problems };
}

/** Listener dependencies over `stores`, at `now`; import drafts are not needed by these tests. */
export function listenerDeps(stores: InMemoryStores, now: Date) {
  const { logger, problems } = recordingLogger();
  let ids = 0;
  const deps: ListenerDependencies = {
    logger,
    hackathons: stores.hackathons,
    topics: stores.topics,
    votes: stores.votes,
    teams: stores.teams,
    drafts: { save: notImplemented('drafts.save'), get: notImplemented('drafts.get') },
    logins: {
      loginsOf: async () => new Map(),
      userWithLogin: async () => null,
      setLogin: notImplemented('logins.setLogin'),
    },
    clock: () => now,
    newId: () => `id-${++ids}`,
  };
  return { deps, problems };
}

/** An `ack` that records what it was called with (undefined: acknowledged without an answer). */
export function recordingAck<Response>() {
  const calls: Array<Response | undefined> = [];
  const ack = async (response?: Response) => {
    calls.push(response);
  };
  return { ack, calls };
}

/** The client methods the listeners call, recording their arguments; `bots` are the users Slack calls bots. */
export function recordingClient(bots: readonly string[] = []) {
  const opened: Array<Parameters<ReplyClient['views']['open']>[0]> = [];
  const ephemeral: Array<Parameters<ReplyClient['chat']['postEphemeral']>[0]> = [];
  const messages: Array<Parameters<ReplyClient['chat']['postMessage']>[0]> = [];
  const published: Array<Parameters<ReplyClient['views']['publish']>[0]> = [];
  const usersAsked: string[] = [];
  const client: ReplyClient & UserInfoClient = {
    views: {
      open: async (args) => {
        opened.push(args);
        return { ok: true };
      },
      publish: async (args) => {
        published.push(args);
        return { ok: true };
      },
    },
    chat: {
      postEphemeral: async (args) => {
        ephemeral.push(args);
        return { ok: true };
      },
      postMessage: async (args) => {
        messages.push(args);
        return { ok: true };
      },
    },
    users: {
      info: async ({ user }) => {
        usersAsked.push(user);
        return { user: { is_bot: bots.includes(user) } };
      },
    },
  };
  return { client, opened, ephemeral, messages, published, usersAsked };
}
