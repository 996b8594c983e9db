"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="problem" data-testid="problem">
      <h1>Something went wrong</h1>
      <p>This page failed to render. The error was logged.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
