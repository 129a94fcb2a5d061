// The one field-error helper every form uses: it holds the message under each field and an
// error that names no field of the form (shown at its top). A command error is placed by its
// `field`, translated by `errorMessage`; the form never re-checks what the core checks.
import type { CommandError, Field } from "./api";
import { errorMessage } from "./errors";

export class FieldErrors<F extends string> {
  #messages = $state<Partial<Record<F, string>>>({});
  #form = $state<CommandError | null>(null);
  readonly #fields: readonly F[];
  readonly #aliases: Partial<Record<Field, F>>;

  /** `fields`: the form's fields; `aliases`: core fields shown under another of the form's
   * (the currency under the amount, say). */
  constructor(fields: readonly F[], aliases: Partial<Record<Field, F>> = {}) {
    this.#fields = fields;
    this.#aliases = aliases;
  }

  /** The message under `field`, if any. */
  get(field: F): string | null {
    return this.#messages[field] ?? null;
  }

  /** The error that belongs to no field of the form. */
  get form(): CommandError | null {
    return this.#form;
  }

  get any(): boolean {
    return this.#form !== null || Object.keys(this.#messages).length > 0;
  }

  /** Shows a message under a field (the form's own reading of what was typed). */
  set(field: F, message: string): void {
    this.#messages = { ...this.#messages, [field]: message };
  }

  /** Clears one field's message, or with no field everything. */
  clear(field?: F): void {
    if (field === undefined) {
      this.#messages = {};
      this.#form = null;
    } else if (this.#messages[field] !== undefined) {
      const next = { ...this.#messages };
      delete next[field];
      this.#messages = next;
    }
  }

  /** The form field a core field is shown under, if the form has it. */
  fieldOf(field: Field | null): F | null {
    if (field === null) return null;
    const alias = this.#aliases[field];
    if (alias) return alias;
    return (this.#fields as readonly string[]).includes(field) ? (field as F) : null;
  }

  /** Puts a command error under the field it names, or at the top of the form. Returns the
   * field it went under. */
  show(error: CommandError): F | null {
    const field = this.fieldOf(error.field);
    if (field) this.set(field, errorMessage(error));
    else this.#form = error;
    return field;
  }
}
