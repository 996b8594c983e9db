import type { ReleaseMetadata } from "@/lib/registry/ecosystem";

/**
 * What the release says about itself (Hex's metadata.config), on one line
 * under the browse header: description, licenses, links (already limited to
 * http(s), opened without a referrer), then the ecosystem's labelled facts.
 */
export function ReleaseMetadataLine({ metadata }: { metadata: ReleaseMetadata }) {
  const parts: React.ReactNode[] = [];
  if (metadata.description) parts.push(<span key="description">{metadata.description}</span>);
  if (metadata.licenses.length > 0) {
    parts.push(
      <span key="licenses" data-testid="release-licenses">
        {metadata.licenses.length === 1 ? "License" : "Licenses"}: {metadata.licenses.join(", ")}
      </span>,
    );
  }
  metadata.links.forEach((link, i) =>
    parts.push(
      <a key={`link-${i}`} href={link.url} rel="noopener noreferrer nofollow" target="_blank">
        {link.name}
      </a>,
    ),
  );
  for (const fact of metadata.facts) {
    parts.push(
      <span key={`fact-${fact.label}`}>
        {fact.label}: <code>{fact.value}</code>
      </span>,
    );
  }
  if (parts.length === 0) return null;
  return (
    <p className="muted" data-testid="release-metadata" style={{ flexBasis: "100%", margin: 0 }}>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && " · "}
          {part}
        </span>
      ))}
    </p>
  );
}
