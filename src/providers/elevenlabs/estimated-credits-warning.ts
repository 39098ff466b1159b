let warned = false;

/**
 * Says once per process, as a process warning (code `AIMETER_ELEVENLABS_CREDITS_ESTIMATED`), why ElevenLabs
 * credits are `estimated`: the `elevenlabs` 1.59 SDK hides the `character-cost` header, so they are computed
 * from the characters and the model's credit factor; `@elevenlabs/elevenlabs-js` 2.x reports them.
 */
export function warnEstimatedCredits(): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    'aimeter: ElevenLabs credits are estimated (characters × the model\'s credit factor): the elevenlabs 1.59 SDK hides the character-cost header. Install @elevenlabs/elevenlabs-js 2 for credits reported by ElevenLabs.',
    { code: 'AIMETER_ELEVENLABS_CREDITS_ESTIMATED' },
  );
}
