import Link from "next/link";
import { Suspense } from "react";
import { browsePath, rawPath } from "@/lib/browse/browse-path";
import type { BrowseOptions, BrowsePage } from "@/lib/browse/browse-page";
import { type FileContent, loadFileContent } from "@/lib/browse/file-content";
import { baseName } from "@/lib/browse/folders";
import { formatBytes } from "@/lib/format-bytes";
import { markUncacheable } from "@/lib/http/response-scope";
import { languageForPath } from "@/lib/highlight/language";
import type { PackageFile } from "@/lib/tarball/types";
import { CodeView } from "./code-view";

interface Props {
  page: BrowsePage;
  file: PackageFile;
  options: BrowseOptions;
  /** Shown under a folder listing (a README): the name links to the file's own page. */
  embedded?: boolean;
}

/** One file: a bar with its size and views (raw, Markdown preview/source, pretty-print), then its content. */
export function FileView(props: Props) {
  return (
    <div className="browse-file" data-testid="file-view">
      <Suspense
        fallback={
          <>
            <FileBar {...props} />
            <p className="browse-note">Loading {baseName(props.file.path)}…</p>
          </>
        }
      >
        <FileBody {...props} />
      </Suspense>
    </div>
  );
}

async function FileBody(props: Props) {
  const content = await loadFileContent(props.page, props.file, props.options);
  return (
    <>
      <FileBar {...props} content={content} />
      <Content {...props} content={content} />
    </>
  );
}

function FileBar({ page, file, embedded, content }: Props & { content?: FileContent }) {
  const here = browsePath(page.name, page.version, file.path, page.prefix);
  const lines = content?.kind === "text" || content?.kind === "markdown" ? content.lineCount : undefined;
  const markdown = content?.kind === "markdown" || (content?.kind === "text" && content.markdownSource);
  return (
    <div className="browse-file-bar">
      <span className="browse-file-name mono">
        {embedded ? (
          <Link href={here} prefetch={false}>
            {baseName(file.path)}
          </Link>
        ) : (
          baseName(file.path)
        )}
      </span>
      <span className="muted" data-testid="file-meta">
        {lines !== undefined && `${lines} ${lines === 1 ? "line" : "lines"} · `}
        {formatBytes(file.bytes.length)}
        {!file.binary && ` · ${languageForPath(file.path)}`}
        {(file.mode & 0o111) !== 0 && " · executable"}
      </span>
      <span className="browse-file-actions">
        {markdown && (
          <span className="toggle" role="group" aria-label="Markdown view">
            <Link href={here} prefetch={false} aria-current={content?.kind === "markdown" ? "true" : undefined}>
              Preview
            </Link>
            <Link href={`${here}?plain=1`} prefetch={false} aria-current={content?.kind === "text" ? "true" : undefined}>
              Source
            </Link>
          </span>
        )}
        {content?.kind === "text" && content.pretty && (
          <Link href={here} prefetch={false}>
            Show original
          </Link>
        )}
        {content?.kind === "text" && !content.pretty && content.canPretty && (
          <Link href={`${here}?pretty=1`} prefetch={false} data-testid="pretty-link">
            Pretty-print
          </Link>
        )}
        <a href={rawPath(page.name, page.version, file.path, page.prefix)} data-testid="raw-link">
          Raw
        </a>
      </span>
    </div>
  );
}

function Content({ file, content }: Props & { content: FileContent }) {
  switch (content.kind) {
    case "empty":
      return <p className="browse-note">Empty file.</p>;
    case "binary":
      return (
        <div className="browse-note binary" data-testid="binary-file">
          <p>
            {content.description}, {formatBytes(file.bytes.length)}.{" "}
            <a href={content.rawHref} download={baseName(file.path)}>
              Download
            </a>
          </p>
          {/* Only PNG/JPEG/GIF/WebP (sniffed): the raw endpoint serves them as images, and nothing else. */}
          {/* eslint-disable-next-line @next/next/no-img-element -- bytes of a package, not an optimisable asset */}
          {content.image && <img className="browse-image" src={content.rawHref} alt={baseName(file.path)} />}
        </div>
      );
    case "markdown":
      return <article className="markdown-body" data-testid="markdown" dangerouslySetInnerHTML={{ __html: content.html }} />;
    case "text":
      // A pretty-print that fell back is not the page this URL promises: don't let this server replay it.
      if (content.prettyNote) markUncacheable();
      return (
        <>
          {content.pretty && (
            <p className="browse-note">Pretty-printed for reading: line numbers and links refer to this layout, not to the published file.</p>
          )}
          {content.prettyNote ? (
            <p className="browse-note" role="status" data-testid="pretty-note">
              {content.prettyNote}
            </p>
          ) : (
            !content.pretty && content.canPretty && <p className="browse-note">This file looks minified.</p>
          )}
          <CodeView key={content.linesSrc} src={content.linesSrc} lineCount={content.lineCount} starts={content.starts}>
            <div data-slice={0} dangerouslySetInnerHTML={{ __html: content.first.html }} />
          </CodeView>
        </>
      );
  }
}
