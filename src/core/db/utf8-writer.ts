/**
 * Texts written one after another as UTF-8, without measuring each first: room for three bytes a character is
 * made before each write (no character needs more). The buffer is its own ArrayBuffer (never Node's shared
 * pool), so that it can be transferred.
 */
export class Utf8Writer {
  #buf = Buffer.allocUnsafeSlow(64 * 1024);
  length = 0;

  write(text: string) {
    this.#buf = withRoom(this.#buf, this.length, text.length * 3);
    this.length += writeUtf8(this.#buf, text, this.length);
  }

  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.length);
  }
}

/**
 * Writes text as UTF-8 at `at` (room for three bytes a character must be there); returns the bytes written.
 * Short ASCII text, most of a row's fields, is copied here: a call into Buffer#write costs more than its bytes.
 */
export function writeUtf8(buf: Buffer, text: string, at: number): number {
  const n = text.length;
  if (n <= 64) {
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) break;
      buf[at + i] = c;
    }
    if (i === n) return n;
  }
  return buf.write(text, at, 'utf8');
}

/**
 * `buf` if it has room for `bytes` more after its first `used`, else a buffer at least twice as big holding those
 * bytes: its own ArrayBuffer (never Node's shared pool), so that it can be transferred.
 */
export function withRoom(buf: Buffer<ArrayBuffer>, used: number, bytes: number): Buffer<ArrayBuffer> {
  const need = used + bytes;
  if (need <= buf.length) return buf;
  const grown = Buffer.allocUnsafeSlow(Math.max(need, buf.length * 2));
  buf.copy(grown, 0, 0, used);
  return grown;
}
