import type { Metadata } from "next";
import Link from "next/link";
import { Providers } from "@/components/providers";
import { ThemeToggle } from "@/components/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "pkgdiff", template: "%s · pkgdiff" },
  description: "See what changed between two versions of an npm package.",
};

// Applies a saved theme choice before first paint (no flash); the system setting applies otherwise.
const THEME_SCRIPT = `try{var t=localStorage.getItem("pkgdiff-theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
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
