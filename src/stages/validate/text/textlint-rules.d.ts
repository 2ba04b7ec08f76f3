// The textlint rules ship no types. An ESM default import of these CommonJS packages is
// module.exports (often `{ default: rule }`), so it is typed unknown and goes through moduleInterop.
declare module 'textlint-rule-*' {
  const mod: unknown;
  export default mod;
}
