import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Providers } from "@/components/providers";
import { ThemeToggle } from "@/components/theme-toggle";
import { NONCE_HEADER } from "@/lib/http/security";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "pkgdiff", template: "%s · pkgdiff" },
  description: "See what changed between two versions of an npm package.",
};

// Applies a saved theme choice before first paint (no flash); the system setting applies otherwise.
const THEME_SCRIPT = `try{var t=localStorage.getItem("pkgdiff-theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}`;

/**
 * Reading the request's headers renders every page per request, which a CSP
 * nonce needs: the proxy draws one per page and Next puts it on its scripts.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <header className="topbar">
          <Link href="/" className="brand" prefetch={false}>
            pkg<span>diff</span>
          </Link>
          <span className="topbar-spacer" />
          <ThemeToggle />
        </header>
        <main>
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
