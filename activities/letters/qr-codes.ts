// QR codes as PNG images: error correction level M, as the EPC guideline prescribes for the bank
// QR code; the same level keeps the pay-link code readable when the paper gets creased.
import QRCode, { type QRCodeToBufferOptions } from 'qrcode';

// Grayscale without alpha (pngjs colorType 0, passed through by qrcode): pdfkit embeds such a PNG
// synchronously. An RGBA PNG makes pdfkit split the alpha channel asynchronously, so two images
// could be written in either order and the same letter would not give the same bytes.
const OPTIONS = {
  type: 'png',
  errorCorrectionLevel: 'M',
  margin: 4,
  scale: 8,
  rendererOpts: { colorType: 0 } as QRCodeToBufferOptions['rendererOpts'],
} satisfies QRCodeToBufferOptions;

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, OPTIONS);
}
