// The consumer's 14-day letter (art. 6:96 lid 6 BW): collection costs are owed only when the debtor, after
// the claim fell due, was summoned in writing to pay within at least fourteen days starting the day after
// receipt of the summons, stating the costs that follow, and did not pay in that term. The rule has no
// expiry: only an amendment of the article changes it.

export const FOURTEEN_DAY_LETTER = {
  /** The term the letter must give, counted from the day after receipt. */
  minTermDays: 14,
  source:
    'Burgerlijk Wetboek Boek 6 art. 96 lid 6 (Wet normering buitengerechtelijke incassokosten, Stb. 2012, 142): https://wetten.overheid.nl/BWBR0005289/2026-01-01#Boek6_Titeldeel1_Afdeling10_Artikel96',
} as const;
