// ElevenLabs audio output formats as the library believes them; the simulator states its own copy
// (`simulator/elevenlabs/models.ts`), test/simulator/facts-agree.test.ts compares the two.

/** The audio format the API uses when the query names none. */
export const DEFAULT_OUTPUT_FORMAT = 'mp3_44100_128';

/** Media type of an `output_format` (`mp3_44100_128` → `audio/mpeg`). Only mp3's is confirmed on the wire. */
export function mediaTypeOf(format: string): string {
  const codec = format.split('_')[0];
  switch (codec) {
    case 'mp3':
      return 'audio/mpeg';
    case 'pcm':
      return 'audio/pcm';
    case 'ulaw':
      return 'audio/basic';
    case 'alaw':
      return 'audio/alaw';
    case 'opus':
      return 'audio/opus';
    default:
      return 'application/octet-stream';
  }
}
