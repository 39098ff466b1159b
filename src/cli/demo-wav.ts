/**
 * A silent 16 kHz mono 16-bit WAV of `seconds`, standing in for a caller's utterance: the simulator bills
 * transcription by duration, so a real header with a real length is what matters.
 */
export function silentWav(seconds: number): Uint8Array {
  const rate = 16_000;
  const dataBytes = Math.round(seconds * rate) * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength);
}
