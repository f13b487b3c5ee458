import { openModal } from '../../../adapters/slack/replies.js';
import { requireActive, requireOrganizer } from '../../../app/hackathons.js';
import { assertMayPropose, listTopics } from '../../../app/topics.js';
import { importModal } from '../../views/import-modals.js';
import { topicListMessage } from '../../views/topic-list-message.js';
import { topicModal } from '../../views/topic-modal.js';
import { type Subcommand, withChannelHackathon } from './subcommands.js';

const propose: Subcommand = {
  name: 'propose',
  usage: 'propose [title]',
  summary: 'propose a topic (a form opens; the title is prefilled from what you type)',
  run: withChannelHackathon(async (request, { deps, client }, hackathon) => {
    assertMayPropose(hackathon, request.userId, deps.clock());
    await openModal(client, request.triggerId, topicModal(hackathon, { title: request.args }));
    return null;
  }),
};

const list: Subcommand = {
  name: 'list',
  usage: 'list',
  summary: 'all topics, most votes first (only you see it)',
  run: withChannelHackathon(async (_request, { deps }, hackathon) => {
    const { topics, withdrawn } = await listTopics(deps, hackathon.id);
    return topicListMessage(hackathon, topics, withdrawn);
  }),
};

const importTopics: Subcommand = {
  name: 'import',
  usage: 'import',
  summary: 'paste a Markdown topic list, preview it, import it (organizers)',
  run: withChannelHackathon(async (request, { client }, hackathon) => {
    requireOrganizer(hackathon, request.userId, 'import');
    requireActive(hackathon);
    await openModal(client, request.triggerId, importModal(hackathon));
    return null;
  }),
};

export const topicSubcommands: readonly Subcommand[] = [propose, list, importTopics];
