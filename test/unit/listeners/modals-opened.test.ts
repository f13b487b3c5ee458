import { beforeEach, describe, expect, it } from 'vitest';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import { editTopicClicked } from '../../../functions/slack/listeners/actions/topic-card-actions.js';
import { commandTable, htgCommand } from '../../../functions/slack/listeners/commands/htg-command.js';
import { topicSubcommands } from '../../../functions/slack/listeners/commands/topic-commands.js';
import { noHackathonHereText } from '../../../functions/slack/messages.js';
import type { EphemeralMessage } from '../../../functions/slack/views/help-message.js';
import { topicActionValue } from '../../../functions/slack/views/topic-card.js';
import { TOPIC_CALLBACKS } from '../../../functions/slack/views/topic-modal.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';
import { listenerDeps, recordingAck, recordingClient } from './listener-fakes.js';

const NOW = new Date('2026-04-02T10:00:00.000Z');
const TRIGGER = '1234.5678.abcdef';

let stores: InMemoryStores;
let hackathon: Hackathon;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores);
});

describe('/htg propose', () => {
  const table = commandTable(topicSubcommands);
  const command = (channelId: string, text: string) => ({
    text,
    user_id: 'U0ANNA',
    channel_id: channelId,
    trigger_id: TRIGGER,
  });

  it('opens the proposal form on the command’s trigger, prefilled with the title, and answers nothing', async () => {
    const { deps, problems } = listenerDeps(stores, NOW);
    const slack = recordingClient();
    const { ack, calls } = recordingAck<EphemeralMessage>();

    await htgCommand(deps, table, {
      command: command(hackathon.channelId, 'propose Better logs'),
      ack,
      client: slack.client,
    });

    expect(slack.opened).toEqual([
      {
        trigger_id: TRIGGER,
        view: expect.objectContaining({
          callback_id: TOPIC_CALLBACKS.propose,
          private_metadata: JSON.stringify({ hackathonId: hackathon.id }),
        }),
      },
    ]);
    expect(JSON.stringify(slack.opened[0]?.view.blocks)).toContain('"initial_value":"Better logs"');
    expect(calls).toEqual([undefined]);
    expect(problems).toEqual([]);
  });

  it('explains how to set a hackathon up in a channel without one, and opens nothing', async () => {
    const { deps } = listenerDeps(stores, NOW);
    const slack = recordingClient();
    const { ack, calls } = recordingAck<EphemeralMessage>();

    await htgCommand(deps, table, { command: command('C0ELSEWHERE', 'propose'), ack, client: slack.client });

    expect(slack.opened).toEqual([]);
    expect(calls).toEqual([
      expect.objectContaining({ response_type: 'ephemeral', text: noHackathonHereText() }),
    ]);
  });
});

describe('Edit on a topic card', () => {
  const click = async (userId: string) => {
    // givenTopics' topics are proposed by U0PROPOSER.
    const [topic] = await givenTopics(stores, hackathon, [{}]);
    if (!topic) throw new Error('no topic');
    const { deps } = listenerDeps(stores, NOW);
    const slack = recordingClient();
    const { ack, calls } = recordingAck<void>();
    await editTopicClicked(deps, {
      ack,
      body: { user: { id: userId }, trigger_id: TRIGGER, channel: { id: hackathon.channelId } },
      action: { value: topicActionValue(topic) },
      client: slack.client,
    });
    return { slack, acks: calls.length };
  };

  it('opens the prefilled form on the click’s trigger for the proposer', async () => {
    const { slack, acks } = await click('U0PROPOSER');
    expect(acks).toBe(1);
    expect(slack.opened).toEqual([
      { trigger_id: TRIGGER, view: expect.objectContaining({ callback_id: TOPIC_CALLBACKS.edit }) },
    ]);
    expect(slack.ephemeral).toEqual([]);
  });

  it('tells anyone else, only them and in the card’s channel, why not', async () => {
    const { slack, acks } = await click('U0ANNA');
    expect(acks).toBe(1);
    expect(slack.opened).toEqual([]);
    expect(slack.ephemeral).toEqual([
      {
        channel: hackathon.channelId,
        user: 'U0ANNA',
        text: 'Only <@U0PROPOSER>, who proposed #1, or an organizer can change it.',
      },
    ]);
  });
});
