import type { ScheduledRunStore } from '../../app/ports/scheduling.js';
import type {
  HackathonStore,
  ImportDraftStore,
  IssueLinkStore,
  LoginStore,
  TeamStore,
  TopicStore,
  VoteStore,
} from '../../app/ports/stores.js';
import { createDocumentClient } from './client.js';
import { exportHackathon } from './hackathon-export.js';
import { createHackathonStore } from './hackathon-store.js';
import { createImportDraftStore } from './import-draft-store.js';
import { createIssueLinkStore } from './issue-link-store.js';
import { createLoginStore } from './login-store.js';
import { createScheduledRunStore } from './scheduled-run-store.js';
import type { Table } from './table.js';
import { createTeamStore } from './team-store.js';
import { createTopicStore } from './topic-store.js';
import { createVoteStore } from './vote-store.js';

export interface Stores {
  hackathons: HackathonStore;
  topics: TopicStore;
  drafts: ImportDraftStore;
  votes: VoteStore;
  teams: TeamStore;
  runs: ScheduledRunStore;
  /** Topics and their GitHub issues, linked repositories, webhook deliveries. */
  issueLinks: IssueLinkStore;
  /** People's GitHub logins (`/htg github`). */
  logins: LoginStore;
  /** A hackathon's complete data as JSON (organizers' export). */
  archive: { export(hackathonId: string, now: Date): Promise<unknown> };
}

/** The table as every store sees it, from runtime config. */
export function connectTable(config: {
  tableName: string;
  region: string;
  dynamoDbEndpoint?: string | undefined;
}): Table {
  return {
    tableName: config.tableName,
    documents: createDocumentClient({ region: config.region, endpoint: config.dynamoDbEndpoint }),
  };
}

/** Every store over one table. */
export function createStores(table: Table): Stores {
  return {
    hackathons: createHackathonStore(table),
    topics: createTopicStore(table),
    drafts: createImportDraftStore(table),
    votes: createVoteStore(table),
    teams: createTeamStore(table),
    runs: createScheduledRunStore(table),
    issueLinks: createIssueLinkStore(table),
    logins: createLoginStore(table),
    archive: { export: (hackathonId, now) => exportHackathon(table, hackathonId, now) },
  };
}
