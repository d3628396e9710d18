import { describe, expect, it } from 'vitest';
import { isVaultRoute, resolveRoute, type Route } from './route';

describe('resolveRoute', () => {
  it('sends each state home', () => {
    expect(resolveRoute({ state: 'signed-out' }, { name: 'home' })).toEqual({ name: 'welcome' });
    expect(resolveRoute({ state: 'locked' }, { name: 'home' })).toEqual({ name: 'unlock' });
    expect(resolveRoute({ state: 'unlocked' }, { name: 'home' })).toEqual({ name: 'vault' });
  });

  it('keeps a view the state allows', () => {
    const item: Route = { name: 'item', id: 'a' };
    expect(resolveRoute({ state: 'unlocked' }, item)).toBe(item);
    const reset: Route = { name: 'reset', back: 'unlock' };
    expect(resolveRoute({ state: 'locked' }, reset)).toBe(reset);
    expect(resolveRoute({ state: 'signed-out' }, { name: 'signin' })).toEqual({ name: 'signin' });
  });

  it('never shows the vault when locked, nor a form when unlocked', () => {
    expect(resolveRoute({ state: 'locked' }, { name: 'item', id: 'a' })).toEqual({
      name: 'unlock',
    });
    expect(resolveRoute({ state: 'signed-out' }, { name: 'vault' })).toEqual({ name: 'welcome' });
    expect(resolveRoute({ state: 'unlocked' }, { name: 'unlock' })).toEqual({ name: 'vault' });
  });

  it('opens a reset link in every state, and shows the kit again only when unlocked', () => {
    const email: Route = { name: 'reset-email', link: 'https://x.test/reset' };
    for (const state of ['signed-out', 'locked', 'unlocked'] as const) {
      expect(resolveRoute({ state }, email)).toBe(email);
    }
    expect(isVaultRoute(email)).toBe(false);
    expect(resolveRoute({ state: 'locked' }, { name: 'kit-again' })).toEqual({ name: 'unlock' });
    expect(resolveRoute({ state: 'unlocked' }, { name: 'kit-again' })).toEqual({
      name: 'kit-again',
    });
  });

  it('holds a new account on its Emergency Kit until it is acknowledged', () => {
    expect(resolveRoute({ state: 'unlocked', kitPending: true }, { name: 'vault' })).toEqual({
      name: 'kit',
    });
  });

  it('knows the vault views', () => {
    expect(isVaultRoute({ name: 'generator' })).toBe(true);
    expect(isVaultRoute({ name: 'welcome' })).toBe(false);
  });
});
