/**
 * Numbers the words of several parts' vocabularies (each in its own order of first occurrence,
 * the parts in order) as one pass over all their texts would: a word new to the whole first
 * occurs where it first occurs in its part.
 * @returns every word in that order, and for each part its words' numbers in the whole
 */
export function mergeVocabularies(vocabularies: ReadonlyArray<readonly string[]>): { words: string[]; ids: Uint32Array[] } {
  const words: string[] = [];
  const numbers = new Map<string, number>();
  const ids = vocabularies.map((vocabulary) =>
    Uint32Array.from(vocabulary, (word) => {
      let id = numbers.get(word);
      if (id === undefined) {
        id = words.length;
        words.push(word);
        numbers.set(word, id);
      }
      return id;
    }),
  );
  return { words, ids };
}
