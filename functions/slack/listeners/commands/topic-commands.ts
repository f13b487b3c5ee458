import { requireOrganizer } from '../../../app/hackathons.js';
import { assertMayPropose, listTopics } from '../../../app/topics.js';
import { importModal } from '../../views/import-modals.js';
import { topicListMessage } from '../../views/topic-list-message.js';
import { topicModal } from '../../views/topic-modal.js';
import { NO_HACKATHON, type Subcommand } from './subcommands.js';

const propose: Subcommand = {
  name: 'propose',
  usage: 'propose [title]',
  summary: 'propose a topic (a form opens; the title is prefilled from what you type)',
  async run(request, { deps, client }) {
    const hackathon = await deps.hackathons.findActiveByChannel(request.teamId, request.channelId);
    if (!hackathon) return NO_HACKATHON;
    assertMayPropose(hackathon, request.userId, deps.clock());
    await client.views.open({
      trigger_id: request.triggerId,
      view: topicModal(hackathon, { title: request.args }),
    });
    return null;
  },
};

const list: Subcommand = {
  name: 'list',
  usage: 'list',
  summary: 'all topics, most votes first (only you see it)',
  async run(request, { deps }) {
    const hackathon = await deps.hackathons.findActiveByChannel(request.teamId, request.channelId);
    if (!hackathon) return NO_HACKATHON;
    const { topics, withdrawn } = await listTopics(deps, hackathon.id);
    return topicListMessage(hackathon, topics, withdrawn);
  },
};

const importTopics: Subcommand = {
  name: 'import',
  usage: 'import',
  summary: 'paste a Markdown topic list, preview it, import it (organizers)',
  async run(request, { deps, client }) {
    const hackathon = await deps.hackathons.findActiveByChannel(request.teamId, request.channelId);
    if (!hackathon) return NO_HACKATHON;
    requireOrganizer(hackathon, request.userId, 'import topics');
    await client.views.open({ trigger_id: request.triggerId, view: importModal(hackathon) });
    return null;
  },
};

export const topicSubcommands: readonly Subcommand[] = [propose, list, importTopics];
