import * as z from 'zod/mini';
import { openModal, type ReplyClient } from '../../../adapters/slack/replies.js';
import { moveAgenda, presenterToEdit, savePresenter } from '../../../app/agendas.js';
import { MEETING_KINDS } from '../../../domain/meetings.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import {
  agendaMessage,
  agendaNowText,
  agendaReminderText,
  presenterModal,
  presenterSavedNotice,
} from '../../views/agenda-messages.js';
import type { KnownBlock } from '../../views/blocks.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from '../views/answer-submission.js';
import { type ButtonArgs, type ButtonBody, explainFailure, onTopicButton } from './explain-failure.js';

const targetSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });

/** **Presenter** on a team's card: the form to say who presents it at the team meetings. */
export async function presenterClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    const { topic, presenter } = await presenterToEdit(deps, target);
    await openModal(args.client, args.body.trigger_id, presenterModal(topic, presenter));
  });
}

/** The presenter form: the agendas of the mid-week update and the final presentations name whom it says. */
export async function presenterSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'presenter', async () => {
    const target = parseMetadata(targetSchema, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!target || !state.success) throw staleForm();
    const topic = await savePresenter(deps, {
      hackathonId: target.h,
      number: target.n,
      userId: body.user.id,
      presenter: new FormValues(state.data).user('presenter'),
    });
    return notice(presenterSavedNotice(topic));
  });
}

const valueSchema = z.object({
  h: z.string().check(z.minLength(1)),
  k: z.enum(MEETING_KINDS),
  i: z.int().check(z.gte(-1)),
});

/** What the click reads of Bolt's arguments (a test passes these few fields). */
export interface AgendaArgs {
  ack: () => Promise<void>;
  body: ButtonBody;
  action: { value?: string | undefined };
  client: ReplyClient & {
    chat: {
      update(args: { channel: string; ts: string; text: string; blocks: KnownBlock[] }): Promise<unknown>;
      postMessage(args: {
        channel: string;
        text: string;
        thread_ts?: string;
        unfurl_links?: boolean;
      }): Promise<unknown>;
    };
  };
}

/**
 * An organizer's **Start** / **Next** under a meeting's agenda: the meeting moves on one slot (once, however
 * many clicks arrive for the same slot); the agenda's thread says who presents now and who is next, the next
 * presenter is told in their topic's card thread, and the agenda shows the slot under way. A refusal (not an
 * organizer, another click first) is explained to the person; a value htg did not write does nothing.
 */
export async function agendaNextClicked(deps: ListenerDependencies, args: AgendaArgs): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  await explainFailure(deps, client, body, async () => {
    const target = parseMetadata(valueSchema, action.value);
    if (!target) return;
    const { hackathon, post } = await moveAgenda(deps, {
      hackathonId: target.h,
      kind: target.k,
      userId: body.user.id,
      from: target.i,
    });
    // The move is stored: what follows tells everyone. Each message is its own courtesy (chat.postMessage is
    // Tier 4's "special" one per second per channel, chat.update Tier 3): one Slack refuses does not undo it.
    const warn = (what: string) => (error: unknown) => deps.logger.warn(`Could not ${what}`, error);
    await client.chat
      .postMessage({
        channel: post.channelId,
        thread_ts: post.ts,
        text: agendaNowText(post),
        unfurl_links: false,
      })
      .catch(warn("post the agenda's next slot"));
    const { text, pages } = agendaMessage(hackathon, post);
    await client.chat
      .update({ channel: post.channelId, ts: post.ts, text, blocks: pages[0] ?? [] })
      .catch(warn('update the agenda'));
    const next = post.agenda.slots[post.current + 1];
    const topic = next ? await deps.topics.get(hackathon.id, next.number) : null;
    if (next && topic?.card)
      await client.chat
        .postMessage({
          channel: topic.card.channelId,
          thread_ts: topic.card.ts,
          text: agendaReminderText(hackathon, post.agenda.kind, next, false),
          unfurl_links: false,
        })
        .catch(warn('remind the next presenter'));
  });
}
