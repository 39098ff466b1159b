import { digest } from '../tokens.js';
import type { SpeechFormat } from './speech-formats.js';

// OpenAI speech is 24 kHz mono. Uploaded audio that is not a WAV is taken as 128 kbit/s.
const PCM_RATE = 24_000;
const COMPRESSED_BYTES_PER_SECOND = 16_000;
/**
 * Bytes per second of the compressed speech formats: `mp3` as observed from the real API (MPEG-2 layer III,
 * 160 kbit/s, 24 kHz mono), the others at 128 kbit/s.
 */
export const SPEECH_COMPRESSED_BYTES_PER_SECOND: Readonly<Record<'mp3' | 'opus' | 'aac' | 'flac', number>> = {
  mp3: 20_000,
  opus: 16_000,
  aac: 16_000,
  flac: 16_000,
};
const MAGIC: Readonly<Record<string, readonly number[]>> = {
  // An MPEG-2 layer III frame header: 160 kbit/s (bitrate index 14), 24 kHz.
  mp3: [0xff, 0xf3, 0xe4, 0xc4],
  opus: [...Buffer.from('OggS')],
  aac: [0xff, 0xf1, 0x50, 0x80],
  flac: [...Buffer.from('fLaC')],
};

/**
 * Audio of `seconds` in `format`: `wav` is a real 24 kHz 16-bit mono WAV of silence, `pcm` the same samples
 * without a header, the compressed formats the format's magic bytes then seeded bytes at the format's bitrate
 * ({@link SPEECH_COMPRESSED_BYTES_PER_SECOND}: `mp3` 160 kbit/s, the others 128 kbit/s). Not
 * playable sound, but the right size and the right first bytes.
 */
export function synthesizeAudio(format: SpeechFormat, seconds: number, seed: string): Uint8Array {
  if (format === 'pcm' || format === 'wav') {
    const data = Math.round(seconds * PCM_RATE) * 2;
    return format === 'pcm' ? new Uint8Array(data) : silentWav(data, PCM_RATE);
  }
  const bytes = new Uint8Array(Math.max(MAGIC[format]!.length, Math.round(seconds * SPEECH_COMPRESSED_BYTES_PER_SECOND[format])));
  let pool = Buffer.from(digest(seed), 'hex');
  for (let i = 0; i < bytes.length; i++) {
    if (i % pool.length === 0 && i > 0) pool = Buffer.from(digest(pool.toString('hex')), 'hex');
    bytes[i] = pool[i % pool.length]!;
  }
  bytes.set(MAGIC[format]!, 0);
  return bytes;
}

/** A 16-bit mono PCM WAV of `dataBytes` bytes of silence at `sampleRate`, with the canonical 44-byte header. */
function silentWav(dataBytes: number, sampleRate: number): Uint8Array {
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength);
}

/**
 * How long an uploaded recording lasts, the simulator's documented rule: a WAV (RIFF/WAVE with `fmt ` and `data`
 * chunks) lasts its data size over its byte rate; anything else is taken as 128 kbit/s audio, so
 * `bytes / 16000` seconds.
 */
export function audioDurationSeconds(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 12 && buffer.toString('ascii', 0, 4) === 'RIFF' && buffer.toString('ascii', 8, 12) === 'WAVE') {
    let byteRate = 0;
    for (let at = 12; at + 8 <= buffer.length; ) {
      const id = buffer.toString('ascii', at, at + 4);
      const size = buffer.readUInt32LE(at + 4);
      if (id === 'fmt ' && at + 20 <= buffer.length) byteRate = buffer.readUInt32LE(at + 16);
      if (id === 'data' && byteRate > 0) return Math.min(size, buffer.length - at - 8) / byteRate;
      at += 8 + size + (size % 2);
    }
  }
  return buffer.length / COMPRESSED_BYTES_PER_SECOND;
}
