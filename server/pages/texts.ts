import type { Language } from '../http/language';

/**
 * The words of the server's few HTML pages, in the extension's three languages. They live here,
 * not in public/_locales: the server does not read the extension's files, and these pages must
 * work without it. Names of things follow the extension's own translations (vault = cassaforte /
 * Tresor, account key = chiave dell'account / Kontoschlüssel, informal German). `choice` names
 * the popup's "I have a reset email" button: keep it equal to that button's text.
 */

export interface PageTexts {
  resetTitle: string;
  resetLead: string;
  toolbarHeading: string;
  toolbarBody: string;
  toolbarHidden: string;
  or: string;
  pasteHeading: string;
  /** `{choice}` is replaced by the popup's button text, quoted. */
  pasteBody: string;
  choice: string;
  safety: string;
  keepItems: string;
  expiry: string;
  homeTitle: string;
  homeBody: string;
  homeAddress: string;
  notFoundTitle: string;
  notFoundBody: string;
}

export const PAGE_TEXTS: Record<Language, PageTexts> = {
  en: {
    resetTitle: 'Continue your reset in Cassaforte',
    resetLead:
      'This is the link from your reset email. The reset itself happens in the Cassaforte extension, not on this page.',
    toolbarHeading: 'Click the Cassaforte button in the toolbar',
    toolbarBody:
      'With this tab open, click the Cassaforte button next to the address bar. Cassaforte reads this link and goes straight on with the reset.',
    toolbarHidden:
      'No Cassaforte button? Open the extensions menu (the puzzle piece) and pin Cassaforte.',
    or: 'or',
    pasteHeading: 'Paste the link or type the code',
    pasteBody:
      'Open Cassaforte and choose {choice}. Paste the link from the email, or, on the device where you asked for the reset, type the code from the email.',
    choice: 'I have a reset email',
    safety:
      'This page runs no code and handles no secret: your new password and account key are made by the extension, on your device.',
    keepItems:
      'Can one of your devices still unlock Cassaforte? Then do not reset: change your password there and keep your items.',
    expiry: 'The link and the code work once, for 30 minutes.',
    homeTitle: 'Cassaforte sync server',
    homeBody:
      'The Cassaforte password manager keeps its encrypted vault on this server. There is nothing to do on this page.',
    homeAddress: 'Server address to use in Cassaforte:',
    notFoundTitle: 'Nothing here',
    notFoundBody:
      'This address is not a page of this Cassaforte server. If you came from a Cassaforte email, open the whole link as it is in the email.',
  },
  it: {
    resetTitle: 'Continua la reimpostazione in Cassaforte',
    resetLead:
      "Questo è il link della tua email di reimpostazione. La reimpostazione vera e propria avviene nell'estensione Cassaforte, non in questa pagina.",
    toolbarHeading: 'Fai clic sul pulsante di Cassaforte nella barra degli strumenti',
    toolbarBody:
      'Con questa scheda aperta, fai clic sul pulsante di Cassaforte accanto alla barra degli indirizzi. Cassaforte legge questo link e prosegue subito con la reimpostazione.',
    toolbarHidden:
      'Non vedi il pulsante di Cassaforte? Apri il menu delle estensioni (il pezzo di puzzle) e fissa Cassaforte.',
    or: 'oppure',
    pasteHeading: 'Incolla il link o digita il codice',
    pasteBody:
      "Apri Cassaforte e scegli {choice}. Incolla il link dell'email oppure, sul dispositivo da cui hai chiesto la reimpostazione, digita il codice dell'email.",
    choice: "Ho un'email di reimpostazione",
    safety:
      "Questa pagina non esegue codice e non tratta segreti: la nuova password e la nuova chiave dell'account le crea l'estensione, sul tuo dispositivo.",
    keepItems:
      'Riesci ancora a sbloccare Cassaforte su uno dei tuoi dispositivi? Allora non reimpostare: cambia lì la password e conserva i tuoi elementi.',
    expiry: 'Il link e il codice funzionano una sola volta, per 30 minuti.',
    homeTitle: 'Server di sincronizzazione di Cassaforte',
    homeBody:
      'Il gestore di password Cassaforte tiene su questo server la sua cassaforte cifrata. In questa pagina non c’è niente da fare.',
    homeAddress: 'Indirizzo del server da usare in Cassaforte:',
    notFoundTitle: 'Qui non c’è niente',
    notFoundBody:
      "Questo indirizzo non è una pagina di questo server Cassaforte. Se arrivi da un'email di Cassaforte, apri il link completo, così com'è nell'email.",
  },
  de: {
    resetTitle: 'Weiter zum Zurücksetzen in Cassaforte',
    resetLead:
      'Das ist der Link aus deiner E-Mail zum Zurücksetzen. Das Zurücksetzen selbst geschieht in der Erweiterung Cassaforte, nicht auf dieser Seite.',
    toolbarHeading: 'Klicke in der Symbolleiste auf die Schaltfläche von Cassaforte',
    toolbarBody:
      'Klicke bei geöffnetem Tab auf die Schaltfläche von Cassaforte neben der Adressleiste. Cassaforte liest diesen Link und fährt gleich mit dem Zurücksetzen fort.',
    toolbarHidden:
      'Keine Schaltfläche von Cassaforte zu sehen? Öffne das Erweiterungsmenü (das Puzzleteil) und hefte Cassaforte an.',
    or: 'oder',
    pasteHeading: 'Link einfügen oder Code eingeben',
    pasteBody:
      'Öffne Cassaforte und wähle {choice}. Füge den Link aus der E-Mail ein oder gib auf dem Gerät, auf dem du das Zurücksetzen angefordert hast, den Code aus der E-Mail ein.',
    choice: 'Ich habe eine E-Mail zum Zurücksetzen',
    safety:
      'Diese Seite führt keinen Code aus und verarbeitet keine Geheimnisse: Dein neues Passwort und deinen neuen Kontoschlüssel erzeugt die Erweiterung, auf deinem Gerät.',
    keepItems:
      'Lässt sich Cassaforte auf einem deiner Geräte noch entsperren? Dann setze nicht zurück: Ändere dort dein Passwort und behalte deine Einträge.',
    expiry: 'Link und Code funktionieren einmal, 30 Minuten lang.',
    homeTitle: 'Synchronisationsserver von Cassaforte',
    homeBody:
      'Der Passwortmanager Cassaforte bewahrt auf diesem Server seinen verschlüsselten Tresor auf. Auf dieser Seite gibt es nichts zu tun.',
    homeAddress: 'Serveradresse für Cassaforte:',
    notFoundTitle: 'Hier ist nichts',
    notFoundBody:
      'Diese Adresse ist keine Seite dieses Cassaforte-Servers. Kommst du von einer E-Mail von Cassaforte, öffne den ganzen Link so, wie er in der E-Mail steht.',
  },
};

/** A name of a button or a page, in each language's own quotation marks (pages and emails). */
export const quoted = (lang: Language, text: string) =>
  lang === 'de' ? `„${text}“` : lang === 'it' ? `«${text}»` : `“${text}”`;
