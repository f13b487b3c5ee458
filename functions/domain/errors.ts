/** Input that breaks a rule; `fields` maps each offending field to a message for the person who typed it. */
export class ValidationError extends Error {
  constructor(readonly fields: Readonly<Record<string, string>>) {
    super(
      `Invalid input: ${Object.entries(fields)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; ')}`,
    );
    this.name = 'ValidationError';
  }
}

/** Something the request refers to does not exist (or no longer exists). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The person may not do this (for example, editing someone else's topic). */
export class PermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermissionError';
  }
}

/** The request conflicts with the current state (a channel that already has a hackathon, a closed phase). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
