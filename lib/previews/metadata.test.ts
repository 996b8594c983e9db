import { describe, expect, it } from "vitest";
import { previewMetadata } from "./metadata";

const preview = {
  title: "react 18.2.0 → 18.3.1 · 8 files · +130 −20 · no install scripts",
  description: "8 files changed, +130 −20.",
  path: "/diff/react/18.2.0..18.3.1?view=split",
  image: { path: "/og/diff/react/18.2.0..18.3.1.png", alt: "react 18.2.0 → 18.3.1" },
};

describe("previewMetadata", () => {
  it("has the canonical URL, Open Graph with a 1200×630 image and a large Twitter card", () => {
    const meta = previewMetadata(preview, "https://diff.example.org/pkgdiff");
    expect(meta.metadataBase?.href).toBe("https://diff.example.org/pkgdiff/");
    expect(meta).toMatchObject({
      title: preview.title,
      description: preview.description,
      alternates: { canonical: preview.path },
      openGraph: {
        type: "website",
        siteName: "pkgdiff",
        title: { absolute: preview.title },
        url: preview.path,
        images: [{ url: preview.image.path, width: 1200, height: 630, alt: preview.image.alt, type: "image/png" }],
      },
      twitter: { card: "summary_large_image", images: [{ url: preview.image.path, alt: preview.image.alt }] },
    });
  });

  it("leaves the base to Next without PUBLIC_URL, and makes a small card without an image", () => {
    const meta = previewMetadata({ ...preview, image: undefined }, undefined);
    expect(meta).not.toHaveProperty("metadataBase");
    expect(meta.twitter.card).toBe("summary");
    expect(meta.openGraph).not.toHaveProperty("images");
  });
});
