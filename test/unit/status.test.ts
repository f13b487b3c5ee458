import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../functions/domain/status.js';

describe('parseStatus', () => {
  it.each([
    ['done', { status: 'done', note: null }],
    ['✅', { status: 'done', note: null }],
    ['In Progress', { status: 'in_progress', note: null }],
    ['wip', { status: 'in_progress', note: null }],
    ['⏸️', { status: 'paused', note: null }],
    ['not picked', { status: 'not_picked', note: null }],
    ['dropped closed in favour of #45', { status: 'dropped', note: 'closed in favour of #45' }],
    ['drop merged into #3', { status: 'dropped', note: 'merged into #3' }],
    ['proposed', { status: 'proposed', note: null }],
  ])('%j', (text, expected) => {
    expect(parseStatus(text)).toEqual(expected);
  });

  it('knows no other words, and never sets withdrawn', () => {
    expect(parseStatus('finished')).toBeNull();
    expect(parseStatus('withdrawn')).toBeNull();
    expect(parseStatus('')).toBeNull();
    expect(parseStatus('doneish')).toBeNull();
  });
});
