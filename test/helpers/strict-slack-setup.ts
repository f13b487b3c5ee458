/**
 * Set up before every end-to-end and integration test file (vitest.config.ts): a test fails when htg called
 * the Web API with arguments Slack's OpenAPI description does not allow (slack-rules/openapi-arguments.ts),
 * even when htg caught the error the stand-in answered.
 */
import { afterEach, expect } from 'vitest';
import { takeArgumentRefusals } from '../../functions/local/dev/slack-rules/openapi-arguments.js';

afterEach(() => {
  expect(takeArgumentRefusals(), 'Web API calls with arguments Slack does not take').toEqual([]);
});
