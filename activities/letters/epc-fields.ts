// Reads back the fields of an EPC069-12 payload ("GiroCode") so the letter prints exactly the IBAN,
// beneficiary and reference the bank app will scan: one source, no chance of a mismatch.

export interface EpcFields {
  beneficiary: string;
  iban: string;
  /** e.g. `EUR197.68`; may be empty */
  amount: string;
  /** structured reference (betalingskenmerk or RF creditor reference), if any */
  reference: string;
  /** unstructured remittance text, if no structured reference */
  remittance: string;
}

export function parseEpcPayload(payload: string): EpcFields {
  const lines = payload.split('\n');
  if (lines[0] !== 'BCD' || lines[3] !== 'SCT' || lines.length < 7) {
    throw new Error('not an EPC069-12 SEPA credit transfer payload (expected BCD … SCT)');
  }
  const line = (index: number) => (lines[index] ?? '').trim();
  return {
    beneficiary: line(5),
    iban: line(6),
    amount: line(7),
    reference: line(9),
    remittance: line(10),
  };
}

/** Groups of four, as IBANs and payment references are printed for people to copy. */
export function inGroupsOfFour(value: string): string {
  return value.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
