// Dutch letter post (universele postdienst, PostNL): on which days letters are delivered and within how
// many delivery days after posting. Dated data, one source per entry; a new decree adds an entry.
// The receipt of a posted 14-day letter is assumed on the last day the delivery standard allows
// (see ../receipt.ts): the latest plausible receipt, so collection costs never start too early.
import type { IsoDate } from '../../domain.js';

export interface LetterDeliveryRule {
  /** The first posting day this rule applies to. */
  from: IsoDate;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which letters are delivered; never on public holidays. */
  deliveryWeekdays: readonly number[];
  /** The delivery standard: a letter posted on day D is delivered within this many delivery days. */
  deliveryDays: number;
  source: string;
}

const TUESDAY_TO_SATURDAY = [2, 3, 4, 5, 6] as const;

export const LETTER_DELIVERY_RULES: readonly LetterDeliveryRule[] = [
  {
    // The rule in force when the 2025 decision was taken; the earliest date this table vouches for.
    from: '2025-06-30',
    deliveryWeekdays: TUESDAY_TO_SATURDAY,
    deliveryDays: 1,
    source:
      'Postbesluit 2009, 24-uursnorm: 95% of letters delivered the next delivery day; post ' +
      'comes Tuesday to Saturday — Rijksoverheid 2025-06-30, https://www.rijksoverheid.nl/actueel/nieuws/' +
      '2025/06/30/kabinet-neemt-maatregelen-voor-betrouwbare-postbezorging',
  },
  {
    from: '2026-07-01',
    deliveryWeekdays: TUESDAY_TO_SATURDAY,
    deliveryDays: 2,
    source:
      'Wijziging Postbesluit 2009 (voorhang Kamerstukken II 35423, nr. 15): from 1 July 2026 letters within ' +
      '2 days ("maandag op de bus, dinsdag of woensdag op de mat"), still Tuesday to Saturday — ' +
      'Rijksoverheid 2025-10-03, https://www.rijksoverheid.nl/actueel/nieuws/2025/10/03/' +
      'kabinet-zet-stap-met-modernisering-van-de-postbezorging',
  },
  {
    from: '2027-07-01',
    deliveryWeekdays: TUESDAY_TO_SATURDAY,
    deliveryDays: 3,
    source:
      'Same decree (Kamerstukken II 35423, nr. 15): from 1 July 2027 letters within 3 days, Tuesday to ' +
      'Saturday — Rijksoverheid 2025-10-03, https://www.rijksoverheid.nl/actueel/nieuws/2025/10/03/' +
      'kabinet-zet-stap-met-modernisering-van-de-postbezorging',
  },
];

/** The rule for a letter posted on `postedOn`; before the first entry the earliest known rule applies. */
export function letterDeliveryRule(postedOn: IsoDate): LetterDeliveryRule {
  return LETTER_DELIVERY_RULES.filter((rule) => rule.from <= postedOn).at(-1) ?? LETTER_DELIVERY_RULES[0]!;
}
