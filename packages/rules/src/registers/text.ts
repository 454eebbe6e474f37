// Input clean-up shared by the register validators. Workers type on phones with Chinese input
// methods, which readily produce full-width digits and letters (１３８, Ｘ) and ideographic spaces.

/** Full-width ASCII forms (U+FF01–U+FF5E) become their ASCII twins; the ideographic space a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (char) =>
    char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}

/** Half-width, with all whitespace removed. */
export function compactInput(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '');
}

/** 1-based position and the character of the first character in `text` that fails `allowed`. */
export function firstBadChar(text: string, allowed: RegExp): { position: number; char: string } | null {
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (!allowed.test(char)) return { position: i + 1, char };
  }
  return null;
}

/** Length in characters (code points), so that an emoji counts once. */
export function charLength(text: string): number {
  return Array.from(text).length;
}
