/** Unsigned 64-bit arithmetic over BigInt, and little-endian reads of bytes, for the non-cryptographic hashes. */

export const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);

export const rotl64 = (x: bigint, k: number): bigint => BigInt.asUintN(64, (x << BigInt(k)) | (x >> BigInt(64 - k)));

/** A view to read little-endian words of a byte array at any offset. */
export const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const le64 = (view: DataView, offset: number): bigint => view.getBigUint64(offset, true);

export const le32 = (view: DataView, offset: number): bigint => BigInt(view.getUint32(offset, true));

/** The bytes of 64-bit words, each in the given byte order. */
export function wordBytes(words: bigint[], littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(8 * words.length);
  const view = viewOf(out);
  words.forEach((w, i) => view.setBigUint64(8 * i, w, littleEndian));
  return out;
}
