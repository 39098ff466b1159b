/** Bytes per second of compressed audio at 128 kbit/s, a common bitrate for speech recordings. */
const TYPICAL_BYTES_PER_SECOND = 16_000;

/**
 * How long a recording lasts, known before it is sent: a WAV (RIFF/WAVE with `fmt ` and `data` chunks) lasts its
 * data size over its byte rate (`exact`); any other audio, or a `Blob` (whose bytes cannot be read without
 * waiting), is taken as 128 kbit/s, so `bytes / 16000` seconds (an estimate: lower-bitrate audio lasts longer).
 *
 * @example
 * ```ts
 * audioSeconds(silentWav(2, 16_000)); // { seconds: 2, exact: true }
 * audioSeconds(new Uint8Array(32_000)); // { seconds: 2, exact: false }
 * ```
 */
export function audioSeconds(audio: Uint8Array | Blob): { seconds: number; exact: boolean } {
  if (!(audio instanceof Uint8Array)) return { seconds: audio.size / TYPICAL_BYTES_PER_SECOND, exact: false };
  const seconds = wavSeconds(audio);
  return seconds === undefined ? { seconds: audio.byteLength / TYPICAL_BYTES_PER_SECOND, exact: false } : { seconds, exact: true };
}

/** The length a WAV header gives, or undefined when the bytes are not a WAV with a byte rate and data. */
function wavSeconds(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 20 <= bytes.length) byteRate = view.getUint32(at + 16, true);
    if (id === 'data') return byteRate > 0 ? Math.min(size, bytes.length - at - 8) / byteRate : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}
