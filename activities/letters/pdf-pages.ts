// Page count of a PDF without a parser: pdfkit writes every page as a plain `/Type /Page` object
// (no object streams), which is all the print manifest needs.
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
