/** Tags (and boards) as typed in one field: separated by Latin or Arabic commas, blanks and repeats dropped. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،]/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}
