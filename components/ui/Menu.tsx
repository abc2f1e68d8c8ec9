'use client';
// A disclosure menu (header menus) on <details>: closes on Escape, an outside click, or a choice.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function Menu({
  summary,
  label,
  align = 'start',
  className,
  children,
}: {
  summary: ReactNode;
  label: string;
  align?: 'start' | 'end';
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const close = (e: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (e instanceof KeyboardEvent) {
        if (e.key !== 'Escape') return;
        details.open = false;
        details.querySelector('summary')?.focus();
        return;
      }
      if (!details.contains(e.target as Node)) details.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details ref={ref} className={['menu', className].filter(Boolean).join(' ')} onToggle={(e) => setOpen(e.currentTarget.open)}>
      {/* Browsers disagree on what a <summary> is to assistive technology: say it plainly. */}
      <summary className="menu-button" role="button" aria-label={label} aria-expanded={open}>
        {summary}
      </summary>
      <div
        className={`menu-panel menu-panel-${align}`}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('a,button') && ref.current) ref.current.open = false;
        }}
      >
        {children}
      </div>
    </details>
  );
}
