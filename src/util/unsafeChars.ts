/**
 * The characters that job data, documents and workspace names must never carry into anything a person reads:
 * C0 controls (ESC starts terminal sequences), DEL, C1 controls (U+009B is a one-byte CSI, U+009D a one-byte
 * OSC on terminals that honour 8-bit controls), and the Unicode bidirectional controls that make text display
 * in another order than it is stored (Trojan Source, CVE-2021-42574: U+202A–U+202E, U+2066–U+2069, and the
 * marks U+200E, U+200F, U+061C). Line breaks and tabs are not in this set: each surface decides what to do
 * with them (a one-line label turns them into spaces).
 *
 * One definition, used by the CLI's output sanitiser and by the extension's plain-text neutraliser.
 */

// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text without the characters above (line breaks and tabs kept). */
export function stripUnsafeChars(text: string): string {
  return text.replace(UNSAFE_CHARS, '');
}

/** The text on one line: unsafe characters removed, every run of line breaks and tabs turned into one space. */
export function oneLine(text: string): string {
  return stripUnsafeChars(text).replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}
