import type { ViewResponseAction } from '@slack/bolt';
import type { Logger } from '../../../adapters/logger.js';
import { ConflictError, ValidationError } from '../../../domain/errors.js';
import { friendlyText, SOMETHING_WENT_WRONG } from '../../errors.js';
import { noticeModal } from '../../views/blocks.js';

type Ack = (response?: ViewResponseAction) => Promise<void>;

/**
 * Runs a modal submission's work and answers Slack exactly once: with what the work returns, with inline
 * field errors for a ValidationError (nothing was stored), or with a notice explaining why it could not be done.
 */
export async function answerSubmission(
  ack: Ack,
  logger: Logger,
  what: string,
  work: () => Promise<ViewResponseAction | undefined>,
): Promise<void> {
  let response: ViewResponseAction | undefined;
  try {
    response = await work();
  } catch (error) {
    if (error instanceof ValidationError) {
      response = { response_action: 'errors', errors: { ...error.fields } };
    } else {
      const friendly = friendlyText(error);
      if (!friendly) logger.error(`${what} failed`, error);
      response = {
        response_action: 'update',
        view: noticeModal('Not saved', friendly ?? SOMETHING_WENT_WRONG),
      };
    }
  }
  await ack(response);
}

/** Replaces the modal with a short confirmation. */
export function notice(title: string, text: string): ViewResponseAction {
  return { response_action: 'update', view: noticeModal(title, text) };
}

/**
 * For a form whose private_metadata or state is not what htg wrote (stale or forged): a notice, not inline
 * errors, since no field is at fault.
 */
export function staleForm(): Error {
  return new ConflictError('This form is out of date. Close it and run the command again.');
}
