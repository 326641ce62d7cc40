import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Word's body font; the figures are drawn in it too. */
export const FONT = 'DejaVu Sans';

const DEJAVU = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].flatMap((f) => [`/usr/share/fonts/truetype/dejavu/${f}`, `/usr/share/fonts/dejavu/${f}`, `/usr/share/fonts/TTF/${f}`]);

/** The PNG of an SVG (for Word versions without SVG support, and LibreOffice), twice the figure's size. */
export function svgToPng(svg: string): Uint8Array {
  // DejaVu (the figures' first font) where it is installed: fast, and the same glyphs every time.
  const fontFiles = DEJAVU.filter((f) => existsSync(f));
  const font = fontFiles.length > 0 ? { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT } : { loadSystemFonts: true, defaultFontFamily: FONT };
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font, background: '#ffffff' }).render().asPng();
}

export function svgSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\bwidth="([\d.]+)"/.exec(svg)?.[1];
  const h = /<svg[^>]*\bheight="([\d.]+)"/.exec(svg)?.[1];
  return { width: Number(w ?? 640), height: Number(h ?? 300) };
}

export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.length > 24 ? { width: v.getUint32(16), height: v.getUint32(20) } : { width: 1, height: 1 };
}
