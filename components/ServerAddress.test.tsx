// @vitest-environment happy-dom
/**
 * A server address typed by hand (issue 13): the user is told what is wrong with what they typed,
 * not that "the server in this setup code" is not allowed; and the sign-in and create-account
 * screens can change the server in place.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { byName, click, mount, nextFrame, press, typeInto, unmountAll } from '@/tests/support/dom';
import { englishMessage, speakEnglish } from '@/tests/support/english';
import { ServerAddress, ServerInUse } from './ServerAddress';

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
});
afterEach(unmountAll);

const alertText = (root: HTMLElement) => root.querySelector('[role="alert"]')?.textContent;

describe('a server address typed by hand', () => {
  it.each([
    ['http://vault.example.com', 'serverUrlHttp'],
    ['vault.example.com', 'serverUrlNoScheme'],
    ['ftp://vault.example.com', 'serverUrlNoScheme'],
    ['https://vault.exa mple.com', 'serverUrlSpaces'],
    ['https://me:pw@vault.example.com', 'serverUrlUserName'],
    ['https://vault.example.com/?x=1', 'serverUrlQuery'],
    ['   ', 'serverUrlEmpty'],
  ])('says what is wrong with %j', async (typed, key) => {
    const onUse = vi.fn();
    const root = await mount(<ServerAddress value="" onUse={onUse} />);
    await typeInto(byName(root, 'Sync server'), typed);
    await click(byName(root, 'Use this server'));
    expect(alertText(root)).toBe(englishMessage(key));
    expect(alertText(root)).not.toContain('setup code');
    expect(onUse).not.toHaveBeenCalled();
  });

  it('uses a good one on Enter, in canonical form, and clears the error as the user types', async () => {
    const onUse = vi.fn();
    const root = await mount(<ServerAddress value="" onUse={onUse} usedNote="Saved." />);
    const field = byName<HTMLInputElement>(root, 'Sync server');
    await typeInto(field, 'http://vault.example.com');
    await press(field, 'Enter');
    expect(alertText(root)).toBeTruthy();
    await typeInto(field, 'http://LOCALHOST:8787/');
    expect(alertText(root)).toBeUndefined();
    await press(field, 'Enter');
    expect(onUse).toHaveBeenCalledWith('http://localhost:8787');
    expect(field.value).toBe('http://localhost:8787');
    expect(root.textContent).toContain('Saved.');
  });
});

describe('the server line of sign-in and create-account', () => {
  it('opens an editor from "Change", and closes on a good address with focus back on Change', async () => {
    const onChange = vi.fn();
    const root = await mount(<ServerInUse value="https://a.example" onChange={onChange} />);
    expect(root.textContent).toContain('Sync server: https://a.example');
    await click(byName(root, englishMessage('serverChangeLabel')));
    await nextFrame();
    const field = byName<HTMLInputElement>(root, 'Sync server');
    expect(document.activeElement).toBe(field);
    await typeInto(field, 'http://b.example');
    await click(byName(root, 'Use this server'));
    expect(alertText(root)).toBe(englishMessage('serverUrlHttp'));
    await typeInto(field, 'https://b.example');
    await click(byName(root, 'Use this server'));
    expect(onChange).toHaveBeenCalledWith('https://b.example');
    await nextFrame();
    expect(root.querySelector('input')).toBeNull();
    expect(document.activeElement).toBe(byName(root, englishMessage('serverChangeLabel')));
  });

  it('Cancel keeps the server', async () => {
    const onChange = vi.fn();
    const root = await mount(<ServerInUse value="https://a.example" onChange={onChange} />);
    await click(byName(root, englishMessage('serverChangeLabel')));
    await typeInto(byName(root, 'Sync server'), 'https://b.example');
    await click(byName(root, 'Cancel'));
    expect(onChange).not.toHaveBeenCalled();
    expect(root.querySelector('input')).toBeNull();
  });
});
