import type { Logger } from '../../adapters/logger.js';
import type {
  HackathonStore,
  ImportDraftStore,
  LoginStore,
  TeamStore,
  TopicStore,
  VoteStore,
} from '../../app/ports/stores.js';

/** What listeners need from the composition root: stores, a clock and an id source. */
export interface ListenerDependencies {
  logger: Logger;
  hackathons: HackathonStore;
  topics: TopicStore;
  drafts: ImportDraftStore;
  votes: VoteStore;
  teams: TeamStore;
  logins: LoginStore;
  clock: () => Date;
  newId: () => string;
}
