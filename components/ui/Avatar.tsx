// Initials on a colour picked from the user's id, so a person keeps their colour everywhere.
export function Avatar({ id, name, size }: { id: string; name: string; size?: 'lg' }) {
  const initials =
    name
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? '')
      .join('') || '?';
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (
    <span className={size === 'lg' ? 'avatar avatar-lg' : 'avatar'} style={{ background: `hsl(${hash % 360} 55% 40%)` }} aria-hidden="true">
      {initials}
    </span>
  );
}
