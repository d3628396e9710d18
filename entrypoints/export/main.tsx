/** The export page: a full tab of the extension, opened from the popup's Settings (ExportPage.tsx). */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ExportPage } from './ExportPage';
import '../popup/style.css';
import './export.css';

document.documentElement.lang = browser.i18n.getUILanguage();
render(<ExportPage />, document.getElementById('app')!);
