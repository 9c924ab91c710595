/** A number as English writes it: 107,920. */
export function count(value: number): string {
  return value.toLocaleString("en");
}

/**
 * The first names of a list and how many more, for a line a person reads: a country of a
 * large corpus has thousands of members.
 */
export function someOf(names: readonly string[], shown = 10): string {
  return names.length <= shown ? names.join(", ") : `${names.slice(0, shown).join(", ")} and ${count(names.length - shown)} more`;
}
