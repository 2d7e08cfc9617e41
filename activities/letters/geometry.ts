// Page geometry of the letter, in PDF points (1/72 inch), with positions chosen in millimetres.
//
// Envelope choice: a Dutch window envelope for A4 folded in three (EA5/6 or "DL venster", 110 × 220 mm),
// window on the left. Those windows start 20 mm from the left edge and span roughly 45–90 mm from the
// top of the folded-in sheet. We therefore print a small return-address line at 46 mm and the
// debtor's address in an 85 × 35 mm block at x = 22 mm, y = 50 mm: 2 mm inside the window's edge, so
// folding tolerance never hides a line. Fold marks sit at 99 mm and 198 mm (A4 in three equal panels).

export const POINTS_PER_MM = 72 / 25.4;
export const mm = (millimetres: number): number => millimetres * POINTS_PER_MM;

/** A4 in points, as pdfkit's 'A4' size. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const box = (x: number, y: number, width: number, height: number): Box => ({
  x: mm(x),
  y: mm(y),
  width: mm(width),
  height: mm(height),
});

export const LAYOUT = {
  marginLeft: mm(22),
  marginRight: mm(20),
  /** Content width between the margins. */
  contentWidth: PAGE.width - mm(22) - mm(20),
  logo: box(22, 14, 60, 16),
  senderBlock: box(125, 14, 65, 30),
  returnLine: box(22, 45.5, 85, 4),
  address: box(22, 50, 85, 35),
  meta: box(125, 50, 65, 30),
  foldMarks: [mm(99), mm(198)],
  /** First line of the body, just below the first fold. */
  bodyTop: mm(100),
  /** Top of later pages' text area. */
  continuationTop: mm(25),
  /** The payment slip at the foot of page 1, where Dutch debtors expect the old acceptgiro. */
  slip: box(22, 214, 168, 64),
  payQr: box(22, 226, 30, 30),
  bankQr: box(107, 226, 30, 30),
  footerY: mm(284),
  bottomMargin: mm(20),
} as const;
