import { CARD_HEIGHT, CARD_WIDTH } from "./card-model";
import type { PreviewText } from "./text";

/** A page's preview: its words, its canonical path (with its permalink query) and its card image. */
export interface PagePreview extends PreviewText {
  /** Root-relative canonical path of the page, e.g. "/diff/react/18.2.0..18.3.1?view=split". */
  path: string;
  /** Root-relative path of a 1200×630 PNG card, with its alt text. */
  image?: { path: string; alt: string };
}

/**
 * The page metadata of a preview, in the shape Next's `Metadata` takes
 * (plain data: lib/ does not import Next): title and description, the
 * canonical URL, Open Graph and Twitter card tags. Paths become absolute
 * against `publicUrl` (PUBLIC_URL) when it is set; without it Next falls
 * back to its own base.
 *
 * @example
 * previewMetadata({ title, description, path: "/diff/react/18.2.0..18.3.1", image: { path: "/og/diff/react/18.2.0..18.3.1.png", alt } }, "https://diff.example.org")
 * // → { metadataBase: URL("https://diff.example.org/"), title, description, alternates: { canonical: "/diff/…" },
 * //     openGraph: { type: "website", url: "/diff/…", images: [{ url: "/og/…", width: 1200, height: 630, … }], … },
 * //     twitter: { card: "summary_large_image", … } }
 */
export function previewMetadata(preview: PagePreview, publicUrl: string | undefined) {
  const { title, description, path, image } = preview;
  return {
    ...(publicUrl ? { metadataBase: new URL(`${publicUrl}/`) } : {}),
    title,
    description,
    alternates: { canonical: path },
    openGraph: {
      type: "website" as const,
      siteName: "pkgdiff",
      // Without the layout's " · pkgdiff": the site name is its own tag.
      title: { absolute: title },
      description,
      url: path,
      ...(image ? { images: [{ url: image.path, width: CARD_WIDTH, height: CARD_HEIGHT, alt: image.alt, type: "image/png" }] } : {}),
    },
    twitter: {
      card: image ? ("summary_large_image" as const) : ("summary" as const),
      title: { absolute: title },
      description,
      ...(image ? { images: [{ url: image.path, alt: image.alt }] } : {}),
    },
  };
}

export type PreviewMetadata = ReturnType<typeof previewMetadata> | { title: string; description?: string };
