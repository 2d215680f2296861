/** `Name: message` of an error for the log (anything else as a string); the logger redacts secrets from it. */
export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
