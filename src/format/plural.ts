// "1 parts" reads as a bug to the assistant and to anyone reading over its shoulder.

/** A count with its noun, singular for exactly one: `plural(1, 'part')` is "1 part", `plural(0, 'part')` "0 parts". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
