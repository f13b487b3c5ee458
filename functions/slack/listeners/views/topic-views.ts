import * as z from 'zod/mini';
import { editTopic, proposeTopic } from '../../../app/topics.js';
import type { TopicDraftInput } from '../../../domain/topic.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { proposedNotice } from '../../messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from './answer-submission.js';

const metadataSchema = z.object({
  hackathonId: z.string().check(z.minLength(1)),
  number: z.optional(z.int().check(z.positive())),
  updatedAt: z.optional(z.string()),
});

function draftInput(values: FormValues): TopicDraftInput {
  return {
    title: values.text('title'),
    category: values.text('category'),
    kind: values.text('kind'),
    teamSize: values.text('teamSize'),
    fastTrack: values.checked('fastTrack'),
    description: values.text('description'),
    links: values.lines('links'),
  };
}

/** The proposal form: a new topic, with the next number. */
export async function proposalSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'topic proposal', async () => {
    const metadata = parseMetadata(metadataSchema, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!metadata || !state.success) throw staleForm();
    const topic = await proposeTopic(deps, {
      hackathonId: metadata.hackathonId,
      userId: body.user.id,
      input: draftInput(new FormValues(state.data)),
      now: deps.clock(),
    });
    return notice(proposedNotice(topic));
  });
}

/** The proposal form opened by **Edit**: the topic changes, unless it changed since the form opened. */
export async function topicEditSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'topic edit', async () => {
    const metadata = parseMetadata(metadataSchema, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!metadata?.number || !metadata.updatedAt || !state.success) throw staleForm();
    await editTopic(deps, {
      hackathonId: metadata.hackathonId,
      number: metadata.number,
      userId: body.user.id,
      input: draftInput(new FormValues(state.data)),
      expectedUpdatedAt: metadata.updatedAt,
      now: deps.clock(),
    });
    return undefined;
  });
}
