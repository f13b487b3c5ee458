import type { Problem } from './problems.js';

/**
 * Input that breaks a rule: `fields` maps each offending field to its problem, so a form can show each next to
 * its field. Nothing was stored.
 */
export class ValidationError extends Error {
  constructor(readonly fields: Readonly<Record<string, Problem>>) {
    super(
      `Invalid input: ${Object.entries(fields)
        .map(([field, problem]) => `${field}: ${problem.code}`)
        .join('; ')}`,
    );
    this.name = 'ValidationError';
  }
}

/** A refusal a person should be told about; `problem` says why, in data (the edge writes the words). */
export abstract class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

/** Something the request refers to does not exist (or no longer exists). */
export class NotFoundError extends ProblemError {
  override name = 'NotFoundError';
}

/** The person may not do this (for example, editing someone else's topic). */
export class PermissionError extends ProblemError {
  override name = 'PermissionError';
}

/** The request conflicts with the current state (a channel that already has a hackathon, a closed phase). */
export class ConflictError extends ProblemError {
  override name = 'ConflictError';
}
