/** The reset page: a full tab of the extension, where the reset happens (ResetPage.tsx). */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ResetPage } from './ResetPage';
import '../popup/style.css';
import '../kit/kit.css';
import './reset.css';

document.documentElement.lang = browser.i18n.getUILanguage();
render(<ResetPage />, document.getElementById('app')!);
