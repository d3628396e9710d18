import type { Language } from '../http/language';
import { PAGE_TEXTS, quoted } from '../pages/texts';

/**
 * Plain-text emails: nothing to render, nothing to track, readable in any client. Each comes in
 * the language of the request that caused it (http/language.ts), with the words the pages and the
 * popup use for the same things (pages/texts.ts, public/_locales).
 */
export interface MailContent {
  /** What the email is, sent as `X-Cassaforte-Mail` (for mail filters, and tests). */
  kind: MailKind;
  subject: string;
  text: string;
}

export type MailKind = 'verification' | 'account-exists' | 'reset' | 'reset-done' | 'new-sign-in';

/** When something happened, in words every reader can place: UTC, to the minute. */
export function mailTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A paragraph (wrapped), or lines kept as they are: a code, a link, a device. */
type Block = string | string[];

const WIDTH = 76;

/** A word, or a quoted name (a button's, whole: “I have a reset email”) with what follows it. */
const WORD = /[“«„][^”»“]*[”»“]\S*|\S+/g;

function wrap(paragraph: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.match(WORD) ?? []) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

function mail(kind: MailKind, subject: string, blocks: Block[]): MailContent {
  const text = blocks.map((b) => (typeof b === 'string' ? wrap(b) : b).join('\n')).join('\n\n');
  return { kind, subject, text };
}

/** Standing alone on an indented line, which is also how tests find it (tests/mailbox.ts). */
const codeLine = (code: string) => [`    ${code}`];

export function verificationEmail(lang: Language, code: string): MailContent {
  const words = {
    en: [
      'Your Cassaforte verification code',
      'To create your Cassaforte account, type this code where Cassaforte asks for it:',
      'It works once, for 30 minutes. If you did not ask for it, ignore this email: without the code no account is created.',
    ],
    it: [
      'Il tuo codice di verifica di Cassaforte',
      'Per creare il tuo account Cassaforte, digita questo codice dove Cassaforte te lo chiede:',
      "Funziona una sola volta, per 30 minuti. Se non l'hai chiesto tu, ignora questa email: senza il codice non viene creato nessun account.",
    ],
    de: [
      'Dein Bestätigungscode für Cassaforte',
      'Um dein Cassaforte-Konto zu erstellen, gib diesen Code dort ein, wo Cassaforte danach fragt:',
      'Er funktioniert einmal, 30 Minuten lang. Wenn du ihn nicht angefordert hast, ignoriere diese E-Mail: Ohne den Code wird kein Konto erstellt.',
    ],
  } as const;
  const [subject, lead, expiry] = words[lang];
  return mail('verification', subject, [lead, codeLine(code), expiry]);
}

export function accountExistsEmail(lang: Language, publicUrl: string): MailContent {
  const words = {
    en: [
      'Someone tried to create a Cassaforte account with your address',
      'Someone (maybe you) tried to create a new Cassaforte account with this email address, which already has one. No account was created, and nothing changed in yours.',
      `If it was you: sign in instead. If you lost your password or your account key, Cassaforte shows what you can do under ${quoted('en', 'Forgot your password?')}.`,
      `If it was not you, you need not do anything. (Server: ${publicUrl})`,
    ],
    it: [
      'Qualcuno ha provato a creare un account Cassaforte con il tuo indirizzo',
      'Qualcuno (forse tu) ha provato a creare un nuovo account Cassaforte con questo indirizzo email, che ne ha già uno. Non è stato creato nessun account e nel tuo non è cambiato niente.',
      `Se eri tu: accedi invece di crearne uno. Se hai perso la password o la chiave dell'account, Cassaforte ti mostra cosa puoi fare sotto ${quoted('it', 'Hai dimenticato la password?')}.`,
      `Se non eri tu, non devi fare niente. (Server: ${publicUrl})`,
    ],
    de: [
      'Jemand wollte mit deiner Adresse ein Cassaforte-Konto erstellen',
      'Jemand (vielleicht du) wollte mit dieser E-Mail-Adresse ein neues Cassaforte-Konto erstellen, obwohl sie schon eines hat. Es wurde kein Konto erstellt, und an deinem hat sich nichts geändert.',
      `Warst du das, melde dich stattdessen an. Hast du dein Passwort oder deinen Kontoschlüssel verloren, zeigt dir Cassaforte unter ${quoted('de', 'Passwort vergessen?')}, was du tun kannst.`,
      `Warst du es nicht, musst du nichts tun. (Server: ${publicUrl})`,
    ],
  } as const;
  const [subject, ...paragraphs] = words[lang];
  return mail('account-exists', subject, paragraphs);
}

export function resetEmail(lang: Language, link: string, code: string): MailContent {
  // The same sentences as the /reset page, where the link lands: the popup's button by its name.
  const page = PAGE_TEXTS[lang];
  const choice = quoted(lang, page.choice);
  const words = {
    en: [
      'Reset your Cassaforte account',
      'Someone (hopefully you) asked to reset the Cassaforte account of this email address.',
      'A reset erases every item in the vault and gives you a new account key. To go on, open this link in the browser where Cassaforte is installed, then click the Cassaforte button in the toolbar:',
      `Or, in Cassaforte on the device where you asked for the reset, choose ${choice} and type this code:`,
      'If you did not ask for this, ignore this email: nothing changes.',
    ],
    it: [
      'Reimposta il tuo account Cassaforte',
      "Qualcuno (speriamo tu) ha chiesto di reimpostare l'account Cassaforte di questo indirizzo email.",
      "La reimpostazione cancella tutti gli elementi della cassaforte e ti dà una nuova chiave dell'account. Per continuare, apri questo link nel browser in cui è installato Cassaforte, poi fai clic sul pulsante di Cassaforte nella barra degli strumenti:",
      `Oppure, in Cassaforte, sul dispositivo da cui hai chiesto la reimpostazione, scegli ${choice} e digita questo codice:`,
      "Se non l'hai chiesto tu, ignora questa email: non cambia niente.",
    ],
    de: [
      'Dein Cassaforte-Konto zurücksetzen',
      'Jemand (hoffentlich du) hat angefordert, das Cassaforte-Konto dieser E-Mail-Adresse zurückzusetzen.',
      'Ein Zurücksetzen löscht alle Einträge im Tresor und gibt dir einen neuen Kontoschlüssel. Um fortzufahren, öffne diesen Link in dem Browser, in dem Cassaforte installiert ist, und klicke dann in der Symbolleiste auf die Schaltfläche von Cassaforte:',
      `Oder wähle in Cassaforte auf dem Gerät, auf dem du das Zurücksetzen angefordert hast, ${choice} und gib diesen Code ein:`,
      'Wenn du das nicht angefordert hast, ignoriere diese E-Mail: Es ändert sich nichts.',
    ],
  } as const;
  const [subject, asked, erases, orCode, ignore] = words[lang];
  return mail('reset', subject, [
    asked,
    page.keepItems,
    erases,
    [link],
    orCode,
    codeLine(code),
    `${page.expiry} ${ignore}`,
  ]);
}

export function resetNoticeEmail(lang: Language, publicUrl: string): MailContent {
  const words = {
    en: [
      'Your Cassaforte account was reset',
      'Your Cassaforte account was reset: its items were erased, a new password and account key were set, and every device was signed out.',
      'Sign in again with the new password and the new Emergency Kit.',
      `If this was not you, ask for a new reset at ${publicUrl} right away and contact your server administrator.`,
    ],
    it: [
      'Il tuo account Cassaforte è stato reimpostato',
      "Il tuo account Cassaforte è stato reimpostato: i suoi elementi sono stati cancellati, sono state impostate una nuova password e una nuova chiave dell'account e tutti i dispositivi sono stati disconnessi.",
      'Accedi di nuovo con la nuova password e il nuovo Kit di emergenza.',
      `Se non eri tu, chiedi subito una nuova reimpostazione su ${publicUrl} e contatta l'amministratore del tuo server.`,
    ],
    de: [
      'Dein Cassaforte-Konto wurde zurückgesetzt',
      'Dein Cassaforte-Konto wurde zurückgesetzt: Seine Einträge wurden gelöscht, ein neues Passwort und ein neuer Kontoschlüssel wurden festgelegt, und alle Geräte wurden abgemeldet.',
      'Melde dich mit dem neuen Passwort und dem neuen Notfall-Kit wieder an.',
      `Warst du das nicht, fordere sofort unter ${publicUrl} ein neues Zurücksetzen an und wende dich an den Administrator deines Servers.`,
    ],
  } as const;
  const [subject, ...paragraphs] = words[lang];
  return mail('reset-done', subject, paragraphs);
}

export function newSignInEmail(lang: Language, deviceName: string, at: number): MailContent {
  const words = {
    en: [
      'New sign-in to your Cassaforte account',
      'Your Cassaforte account was just signed in on a device:',
      'If this was you, there is nothing to do.',
      'If not: someone has your password and your account key. On a device you trust, open Cassaforte → Settings → Devices and sign that device out, then change your password.',
    ],
    it: [
      'Nuovo accesso al tuo account Cassaforte',
      "È appena stato effettuato l'accesso al tuo account Cassaforte da un dispositivo:",
      'Se eri tu, non devi fare niente.',
      "Altrimenti qualcuno ha la tua password e la tua chiave dell'account. Su un dispositivo di cui ti fidi, apri Cassaforte → Impostazioni → Dispositivi e disconnetti quel dispositivo, poi cambia la password.",
    ],
    de: [
      'Neue Anmeldung bei deinem Cassaforte-Konto',
      'Gerade hat sich ein Gerät bei deinem Cassaforte-Konto angemeldet:',
      'Warst du das, musst du nichts tun.',
      'Wenn nicht: Jemand hat dein Passwort und deinen Kontoschlüssel. Öffne auf einem Gerät, dem du vertraust, Cassaforte → Einstellungen → Geräte, melde dort dieses Gerät ab und ändere dann dein Passwort.',
    ],
  } as const;
  const [subject, lead, wasYou, wasNot] = words[lang];
  return mail('new-sign-in', subject, [
    lead,
    [`    ${deviceName}`, `    ${mailTime(at)}`],
    wasYou,
    wasNot,
  ]);
}
