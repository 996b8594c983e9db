/** What a lazily loaded slice shows when its request failed: the reason, and a way to try again. */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <>
      <span className="del">{message}</span>{" "}
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </>
  );
}
