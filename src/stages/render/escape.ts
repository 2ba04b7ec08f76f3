/**
 * The escaper that keeps data inert in Markdown *and* HTML (used by every template value,
 * through handlebars.ts, and by the phrase and link markup in phrases.ts).
 */

/**
 * Escape a data value so it is inert in Markdown *and* HTML: every character
 * that either language could read as markup becomes a numeric character
 * reference (markdown-it decodes those back to literal text, never to syntax),
 * and a newline becomes `<br>` so a value cannot end a table row or start a new
 * slide with `---`.
 */
export function escapeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '\r':
        break;
      case '\n':
        out += '<br>';
        break;
      case '&':
      case '<':
      case '>':
      case '"':
      case "'":
      case '`':
      case '=':
      case '*':
      case '_':
      case '#':
      case '|':
      case '[':
      case ']':
      case '(':
      case ')':
      case '{':
      case '}':
      case '\\':
      case '!':
      case '~':
      case '+':
      case '-':
      case '.':
      case '$':
      case ':':
      case '^':
      case '@':
        out += `&#${ch.codePointAt(0)};`;
        break;
      default:
        // Private use: the phrase and link markers of phrases.ts are private-use characters, so
        // data (which the schema already keeps free of them) could never pass for one.
        out += /\p{Co}/u.test(ch) ? `&#${ch.codePointAt(0)};` : ch;
    }
  }
  return out;
}
