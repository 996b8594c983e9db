import { notFound } from "next/navigation";
import { BrowseFrame } from "@/components/browse/browse-frame";
import { findEcosystemBySegment } from "@/lib/registry/ecosystems";

interface Props {
  children: React.ReactNode;
  params: Promise<{ ecosystem: string; slug: string[] }>;
}

/** The frame of a prefixed ecosystem's browse pages (`/hex/browse/…`). */
export default async function EcosystemBrowseLayout({ children, params }: Props) {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  if (!found) notFound();
  return (
    <BrowseFrame ecosystemId={found.id} slug={slug}>
      {children}
    </BrowseFrame>
  );
}
