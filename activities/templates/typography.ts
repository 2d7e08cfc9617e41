// Keeps "€ 197,68" on one line in HTML and print: a wrap between the sign and the number reads as two
// amounts. Not used for SMS, where a no-break space would force the costly UCS-2 encoding.
export function nonBreakingAmounts(text: string): string {
  return text.replace(/€ (?=[\d-])/g, '€\u00a0');
}
