// The prompts of a run of barge-ins (the barge-in test and the bench's barge-in stall suite).

/**
 * Turn `turn`'s prompt: a few hundred characters growing with the turn, every tenth one a 128k-character
 * conversation (which a count on the caller's thread took 49–62 ms over).
 */
export function bargeInPrompt(turn: number): string {
  const words = ['amber', 'glacier', 'falcon', 'orchid', 'quartz', 'meadow', 'harbor'];
  const length = turn % 10 === 0 ? 128_000 : 200 + turn * 40;
  let text = `Turn ${turn}: please tell me a long story. `;
  for (let i = 0; text.length < length; i++) text += `${words[(i * 7 + turn) % words.length]} ${i % 97}, `;
  return text;
}
