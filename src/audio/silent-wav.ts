/**
 * A WAV file of silence: 16-bit mono PCM at `sampleRate`, with a real 44-byte header, so that whoever reads it
 * (a transcription endpoint, the simulator's duration rule) finds the right length.
 */
export function silentWav(seconds: number, sampleRate: number): Uint8Array {
  const data = Math.round(seconds * sampleRate) * 2;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(data, 40);
  return new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength);
}
