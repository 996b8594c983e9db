/**
 * A path that this version doesn't have. Rendered with status 404 inside
 * the browse layout, which shows the tree and, below this, the nearest
 * folder that exists.
 */
export function PathNotFound() {
  return (
    <div className="browse-missing" data-testid="path-missing">
      <h2>File not found</h2>
      <p className="muted">This version has no file or folder at this path. The nearest folder that exists:</p>
    </div>
  );
}
