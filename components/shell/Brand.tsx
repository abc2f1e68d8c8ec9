import Link from 'next/link';

/** The Lintas mark and name, linking home (the user's workspaces). */
export function Brand({ href = '/workspaces' }: { href?: string }) {
  return (
    <Link href={href} className="brand">
      <span className="brand-mark" aria-hidden="true">
        <svg width="18" height="18" viewBox="0 0 18 18" fill="none">
          <path d="M2 13 L7 6 L11 10 L16 4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          <circle cx="2" cy="13" r="1.6" fill="currentColor" />
          <circle cx="16" cy="4" r="1.6" fill="currentColor" />
        </svg>
      </span>
      <span className="brand-name">Lintas</span>
    </Link>
  );
}
