import { ConflictError, NotFoundError, PermissionError, ValidationError } from '../domain/errors.js';

/** The message a person sees for a domain error; undefined for anything unexpected (shown generically). */
export function friendlyText(error: unknown): string | undefined {
  if (error instanceof PermissionError || error instanceof ConflictError || error instanceof NotFoundError) {
    return error.message;
  }
  if (error instanceof ValidationError) return Object.values(error.fields).join(' ');
  return undefined;
}

export const SOMETHING_WENT_WRONG =
  'Sorry, something went wrong on my side and nothing was changed. Please try again in a minute.';
