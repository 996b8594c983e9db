import { BrowseFrame } from "@/components/browse/browse-frame";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";

interface Props {
  children: React.ReactNode;
  params: Promise<{ slug: string[] }>;
}

/** The frame of every browse page (see BrowseFrame; deliberately no loading.tsx). */
export default async function BrowseLayout({ children, params }: Props) {
  return (
    <BrowseFrame ecosystemId={DEFAULT_ECOSYSTEM.id} slug={(await params).slug}>
      {children}
    </BrowseFrame>
  );
}
