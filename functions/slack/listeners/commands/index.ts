import type { App } from '@slack/bolt';
import type { ListenerDependencies } from '../dependencies.js';
import { commandTable, htgCommand, SLASH_COMMAND } from './htg-command.js';
import type { Subcommand } from './subcommands.js';

/** Registers `/htg` and routes `/htg <subcommand> …` to the subcommands table, built once here. */
export function registerHtgCommand(
  app: App,
  deps: ListenerDependencies,
  subcommands: readonly Subcommand[],
): void {
  const table = commandTable(subcommands);
  app.command(SLASH_COMMAND, (args) => htgCommand(deps, table, args));
}
