/** Plain-text emails: nothing to render, nothing to track, readable in any client. */
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

export function verificationEmail(code: string): MailContent {
  return {
    kind: 'verification',
    subject: 'Your Cassaforte verification code',
    text: [
      'To create your Cassaforte account, type this code where Cassaforte asks for it:',
      '',
      `    ${code}`,
      '',
      'It works once, for 30 minutes. If you did not ask for it, ignore this email: without the',
      'code no account is created.',
    ].join('\n'),
  };
}

export function accountExistsEmail(publicUrl: string): MailContent {
  return {
    kind: 'account-exists',
    subject: 'Someone tried to create a Cassaforte account with your address',
    text: [
      'Someone (maybe you) tried to create a new Cassaforte account with this email address, which',
      'already has one. No account was created, and nothing changed in yours.',
      '',
      'If it was you: sign in instead. If you lost your password or your account key, Cassaforte',
      'shows what you can do under "Forgot your password?".',
      '',
      `If it was not you, you need not do anything. (Server: ${publicUrl})`,
    ].join('\n'),
  };
}

export function resetEmail(link: string, code: string): MailContent {
  return {
    kind: 'reset',
    subject: 'Reset your Cassaforte account',
    text: [
      'Someone (hopefully you) asked to reset the Cassaforte account of this email address.',
      '',
      'If a device of yours can still unlock your vault, do not reset: change your password there',
      'instead and keep your items.',
      '',
      'A reset erases every item in the vault and gives you a new account key. To go on, open this',
      'link in the browser where Cassaforte is installed, then click the Cassaforte button in the',
      'toolbar:',
      '',
      link,
      '',
      'Or, in Cassaforte on the device where you asked for the reset, choose "I have a reset email"',
      'and type this code:',
      '',
      `    ${code}`,
      '',
      'The link and the code work once, for 30 minutes. If you did not ask for this, ignore this',
      'email: nothing changes.',
    ].join('\n'),
  };
}

export function resetNoticeEmail(publicUrl: string): MailContent {
  return {
    kind: 'reset-done',
    subject: 'Your Cassaforte account was reset',
    text: [
      'Your Cassaforte account was reset: its items were erased, a new password and account key',
      'were set, and every device was signed out.',
      '',
      'Sign in again with the new password and the new Emergency Kit.',
      '',
      `If this was not you, ask for a new reset at ${publicUrl} right away and contact your`,
      'server administrator.',
    ].join('\n'),
  };
}

export function newSignInEmail(deviceName: string, at: number): MailContent {
  return {
    kind: 'new-sign-in',
    subject: 'New sign-in to your Cassaforte account',
    text: [
      'Your Cassaforte account was just signed in on a device:',
      '',
      `    ${deviceName}`,
      `    ${mailTime(at)}`,
      '',
      'If this was you, there is nothing to do.',
      '',
      'If not: someone has your password and your account key. On a device you trust, open',
      'Cassaforte → Settings → Devices and sign that device out, then change your password.',
    ].join('\n'),
  };
}
