/**
 * Gathers row views for one COPY, joining neighbours from the same buffer into one view: a batch of thousands of
 * rows from a few chunks becomes a few parts.
 */
export class CopyParts {
  readonly #parts: Uint8Array[] = [];
  #bytes: Uint8Array | undefined;
  #start = 0;
  #end = 0;

  add(view: Uint8Array) {
    if (view.byteLength === 0) return;
    if (this.#bytes?.buffer === view.buffer && this.#end === view.byteOffset) {
      this.#end += view.byteLength;
      return;
    }
    this.#close();
    this.#bytes = view;
    this.#start = view.byteOffset;
    this.#end = view.byteOffset + view.byteLength;
  }

  get parts(): Uint8Array[] {
    this.#close();
    return this.#parts;
  }

  #close() {
    if (this.#bytes) this.#parts.push(new Uint8Array(this.#bytes.buffer, this.#start, this.#end - this.#start));
    this.#bytes = undefined;
  }
}
