import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from './App';
import { followBackground, showSnapshotStatus } from './model';
import { prefetchList } from './vault-client';
import './style.css';
import './otp.css';

prefetchList();
followBackground();
showSnapshotStatus();
document.documentElement.lang = browser.i18n.getUILanguage();
render(<App />, document.getElementById('app')!);
