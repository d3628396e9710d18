/** Plain-text emails: nothing to render, nothing to track, readable in any client. */
export interface MailContent {
  subject: string;
  text: string;
}

export function resetEmail(link: string): MailContent {
  return {
    subject: 'Reset your Cassaforte account',
    text: [
      'Someone (hopefully you) asked to reset the Cassaforte account of this email address.',
      '',
      'If a device of yours can still unlock your vault, do not reset: change your password there',
      'instead and keep your items.',
      '',
      'A reset erases every item in the vault and gives you a new account key. To go on, open:',
      '',
      link,
      '',
      'The link works once, for 30 minutes. If you did not ask for this, ignore this email:',
      'nothing changes.',
    ].join('\n'),
  };
}

export function resetNoticeEmail(publicUrl: string): MailContent {
  return {
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
