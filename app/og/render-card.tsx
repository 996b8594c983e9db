import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import { CARD_HEIGHT, CARD_WIDTH, type CardModel } from "@/lib/previews/card-model";
import { Card } from "./card";

interface Font {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: "normal";
}

/** The shipped fonts (assets/fonts, OFL): read once per process, never fetched. */
const FONT_FILES = [
  { name: "Geist", file: "GeistSans-Regular.woff", weight: 400 },
  { name: "Geist", file: "GeistSans-Bold.woff", weight: 700 },
  { name: "Geist Mono", file: "GeistMono-Regular.woff", weight: 400 },
] as const;

let fonts: Promise<Font[]> | undefined;

function loadFonts(): Promise<Font[]> {
  fonts ??= Promise.all(
    FONT_FILES.map(async ({ name, file, weight }) => {
      const bytes = await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "assets", "fonts", file));
      return { name, weight, style: "normal" as const, data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    }),
  ).catch((error: unknown) => {
    fonts = undefined; // a later card tries again
    throw error;
  });
  return fonts;
}

/** One card as PNG bytes (satori lays it out, resvg draws it: no browser). */
export async function renderCard(card: CardModel): Promise<Uint8Array<ArrayBuffer>> {
  const response = new ImageResponse(<Card card={card} />, { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: await loadFonts() });
  return new Uint8Array(await response.arrayBuffer());
}
