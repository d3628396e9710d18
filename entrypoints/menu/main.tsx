/**
 * Our frame in web pages (issue 12): the inline menu on a login field and the save prompt after a
 * submitted form. It runs as an extension page inside a closed shadow root on the page, knows its
 * token from its own URL's fragment, and asks the background what to show.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Menu } from './Menu';
import './menu.css';

const params = new URLSearchParams(location.hash.slice(1).replace(/^([^&=]+)(&|$)/, 'token=$1$2'));
document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <Menu token={params.get('token') ?? ''} refused={params.get('refused') ?? undefined} />,
  document.getElementById('menu')!,
);
