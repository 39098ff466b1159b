/** Every registered form is at least this long (shorter ones would match ordinary text and are not kept). */
const PREFIX = 8;

/**
 * The registered secret forms indexed by their first 8 characters, to tell whether a text holds one in time
 * proportional to the text, whatever the number of forms. The alternative, one regular expression of every
 * form, is faster for a few keys but must be compiled again after each registration, which costs hundreds of
 * milliseconds once thousands of customer keys are registered.
 */
export class RegisteredForms {
  readonly #byPrefix = new Map<string, string[]>();
  #size = 0;

  /** How many forms are registered. */
  get size(): number {
    return this.#size;
  }

  add(form: string): void {
    if (form.length < PREFIX) return;
    const prefix = form.slice(0, PREFIX);
    const bucket = this.#byPrefix.get(prefix);
    if (bucket) bucket.push(form);
    else this.#byPrefix.set(prefix, [form]);
    this.#size += 1;
  }

  /** Whether `text` holds any registered form. */
  heldBy(text: string): boolean {
    for (let i = 0; i + PREFIX <= text.length; i += 1) {
      const bucket = this.#byPrefix.get(text.slice(i, i + PREFIX));
      if (bucket === undefined) continue;
      for (const form of bucket) if (text.startsWith(form, i)) return true;
    }
    return false;
  }
}
