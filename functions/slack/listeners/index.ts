import type { App } from '@slack/bolt';
import type { Logger } from '../../adapters/logger.js';
import { registerHtgCommand } from './commands/htg-command.js';

/** What listeners need from the composition root. Use-cases and their ports join here as features land. */
export interface ListenerDependencies {
  logger: Logger;
}

/** Registers every listener on a Bolt app; shared by the Lambda ingress and the local Socket Mode runtime. */
export function registerListeners(app: App, deps: ListenerDependencies): void {
  registerHtgCommand(app, deps, []);
}
