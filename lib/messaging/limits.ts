/** Rules the popup and the background share: one source each (STYLE.md rule 10). */

/** Below this the account password is refused: it would be the one thing guarding the vault. */
export const MIN_PASSWORD_LENGTH = 10;

/** The longest list 'vault.list' gives in one reply, and the most it takes as limit or offset. */
export const MAX_LIST = 20_000;
