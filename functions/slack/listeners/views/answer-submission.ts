import type { ViewOutput, ViewResponseAction } from '@slack/bolt';
import type { Logger } from '../../../adapters/logger.js';
import { ConflictError, ValidationError } from '../../../domain/errors.js';
import {
  fieldErrors,
  friendlyText,
  type Notice,
  notSavedNotice,
  SOMETHING_WENT_WRONG,
} from '../../messages.js';
import { noticeModal } from '../../views/blocks.js';

/** Bolt's `ack` of a view submission: no answer closes the form, a response action replaces or marks it. */
type SubmissionAck = (response?: ViewResponseAction) => Promise<void>;

/**
 * What a modal submission's callback reads of Bolt's arguments. Bolt passes all of its own; a test passes these
 * few fields.
 */
export interface SubmissionArgs {
  ack: SubmissionAck;
  body: { user: { id: string } };
  view: Pick<ViewOutput, 'private_metadata' | 'state' | 'blocks'>;
}

/**
 * Runs a modal submission's work and answers Slack exactly once: with what the work returns, with inline
 * field errors for a ValidationError (nothing was stored), or with a notice explaining why it could not be done.
 * A form whose inputs' block_ids are not the use-case's field names passes `blockIdOf` to map them.
 */
export async function answerSubmission(
  ack: SubmissionAck,
  logger: Logger,
  what: string,
  work: () => Promise<ViewResponseAction | undefined>,
  blockIdOf?: (field: string) => string,
): Promise<void> {
  let response: ViewResponseAction | undefined;
  try {
    response = await work();
  } catch (error) {
    if (error instanceof ValidationError) {
      response = { response_action: 'errors', errors: fieldErrors(error, blockIdOf) };
    } else {
      const friendly = friendlyText(error);
      if (!friendly) logger.error(`${what} failed`, error);
      response = notice(notSavedNotice(friendly ?? SOMETHING_WENT_WRONG));
    }
  }
  await ack(response);
}

/** Replaces the modal with a short confirmation. */
export function notice({ title, text }: Notice): ViewResponseAction {
  return { response_action: 'update', view: noticeModal(title, text) };
}

/**
 * For a form whose private_metadata or state is not what htg wrote (stale or forged): a notice, not inline
 * errors, since no field is at fault.
 */
export function staleForm(): Error {
  return new ConflictError({ code: 'stale-form' });
}
