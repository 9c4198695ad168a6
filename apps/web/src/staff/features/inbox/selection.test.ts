import { describe, expect, it } from 'vitest';
import { keepShown, toggleSelection } from './selection';

const shown = ['a', 'b', 'c', 'd', 'e'];

describe('toggleSelection', () => {
  it('toggles one id without shift', () => {
    expect([...toggleSelection(new Set(), shown, 'c', 'a', false)]).toEqual(['c']);
    expect([...toggleSelection(new Set(['c', 'd']), shown, 'c', 'a', false)]).toEqual(['d']);
  });

  it('selects the range from the anchor with shift, either way up', () => {
    expect([...toggleSelection(new Set(['b']), shown, 'd', 'b', true)].sort()).toEqual(['b', 'c', 'd']);
    expect([...toggleSelection(new Set(), shown, 'a', 'c', true)].sort()).toEqual(['a', 'b', 'c']);
  });

  it('clears the range when the clicked one was selected', () => {
    expect([...toggleSelection(new Set(shown), shown, 'd', 'b', true)].sort()).toEqual(['a', 'e']);
  });

  it('falls back to one id when the anchor is gone', () => {
    expect([...toggleSelection(new Set(), shown, 'd', 'z', true)]).toEqual(['d']);
  });
});

describe('keepShown', () => {
  it('drops what left the list', () => {
    expect([...keepShown(new Set(['a', 'x']), shown)]).toEqual(['a']);
  });
});
