/** Messages of our frames in web pages and of the content script that opens them (issue 12). */
import type { Handlers } from '../router';
import type { createInlineMenu } from '../services/inline-menu';

export function createInpageHandlers(deps: {
  menu: ReturnType<typeof createInlineMenu>;
  /** A form was submitted in this frame (the save prompt, the account-password check). */
  submitted: (
    sender: Parameters<ReturnType<typeof createInlineMenu>['open']>[0],
    form: {
      kind: 'login' | 'signup' | 'change-password';
      username: string;
      password: string;
      oldPassword?: string;
    },
  ) => void;
}) {
  const { menu } = deps;
  const none = {} as Record<string, never>;
  return {
    'inpage.open': (request, { sender }) => menu.open(sender, request),
    'inpage.filter': async ({ token, query }, { sender }) => {
      menu.filter(sender, token, query);
      return none;
    },
    'inpage.closed': async ({ token }, { sender }) => {
      menu.closed(sender, token);
      return none;
    },
    'inpage.submitted': async (form, { sender }) => {
      deps.submitted(sender, form);
      return none;
    },
    'inpage.pending': async (_payload, { sender }) => menu.pending(sender),
    'menu.state': async ({ token }, { sender }) => menu.state(sender, token),
    'menu.fill': (request, { sender }) => menu.fill(sender, request),
    'menu.generate': (request, { sender }) => menu.generate(sender, request),
    'menu.save': (request, { sender }) => menu.save(sender, request),
    'menu.unlock': async ({ token }, { sender }) => {
      await menu.unlock(sender, token);
      return none;
    },
    'menu.never': async ({ token }, { sender }) => {
      await menu.never(sender, token);
      return none;
    },
    'menu.close': async ({ token }, { sender }) => {
      await menu.close(sender, token);
      return none;
    },
    'menu.resize': async ({ token, height }, { sender }) => {
      await menu.resize(sender, token, height);
      return none;
    },
  } satisfies Partial<Handlers>;
}
