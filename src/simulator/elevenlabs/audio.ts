import { digest } from '../tokens.js';

/** Every `output_format` the TTS endpoints take, with the bytes per second of audio it produces. */
const BYTES_PER_SECOND: Readonly<Record<string, number>> = {
  mp3_22050_32: 4_000,
  mp3_44100_32: 4_000,
  mp3_44100_64: 8_000,
  mp3_44100_96: 12_000,
  mp3_44100_128: 16_000,
  mp3_44100_192: 24_000,
  pcm_8000: 16_000,
  pcm_16000: 32_000,
  pcm_22050: 44_100,
  pcm_24000: 48_000,
  pcm_44100: 88_200,
  pcm_48000: 96_000,
  ulaw_8000: 8_000,
  alaw_8000: 8_000,
  opus_48000_32: 4_000,
  opus_48000_64: 8_000,
  opus_48000_96: 12_000,
  opus_48000_128: 16_000,
  opus_48000_192: 24_000,
};

/** The formats the simulator accepts, for the 422 of an unknown one. */
export const OUTPUT_FORMATS: readonly string[] = Object.keys(BYTES_PER_SECOND);

// About 15 characters of speech per second, the pace of ElevenLabs' stock voices.
const CHARACTERS_PER_SECOND = 15;
const CHUNK_BYTES = 4_096;
const MIN_CHUNKS = 3;
// MPEG-1 Layer III frame sync, so an mp3 sniffer recognises the bytes; the rest is seeded noise.
const MP3_FRAME = [0xff, 0xfb, 0x90, 0x64] as const;
const MP3_FRAME_BYTES = 417;

/**
 * Deterministic fake audio for a text: as many bytes as `characters` of speech take in `format` (at least half
 * a second), split into at least three chunks of at most 4 KiB, the way the API streams it. mp3 formats get a
 * frame header every 417 bytes.
 */
export function fakeAudio(seed: string, characters: number, format: string): Uint8Array[] {
  const seconds = Math.max(0.5, characters / CHARACTERS_PER_SECOND);
  const total = Math.round(seconds * (BYTES_PER_SECOND[format] ?? 16_000));
  const audio = seededBytes(seed, total);
  if (format.startsWith('mp3_')) {
    for (let at = 0; at + MP3_FRAME.length <= total; at += MP3_FRAME_BYTES) audio.set(MP3_FRAME, at);
  }
  const size = Math.min(CHUNK_BYTES, Math.ceil(total / MIN_CHUNKS));
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < total; at += size) chunks.push(audio.subarray(at, at + size));
  return chunks;
}

function seededBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let pool = Buffer.from(digest(seed), 'hex');
  for (let at = 0; at < length; at += pool.length) {
    out.set(pool.subarray(0, Math.min(pool.length, length - at)), at);
    pool = Buffer.from(digest(pool.toString('hex')), 'hex');
  }
  return out;
}
