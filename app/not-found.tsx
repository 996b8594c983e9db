import Link from "next/link";

export default function NotFound() {
  return (
    <div className="problem" data-testid="problem">
      <p className="code">404</p>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Search for a package</Link>.
      </p>
    </div>
  );
}
