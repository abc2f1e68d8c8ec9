'use client';
// Maps · Members · Personas · Departments, with the current one marked for assistive technology.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'use-intl';

export function WorkspaceTabs({ slug }: { slug: string }) {
  const t = useTranslations('workspaces.tabs');
  const pathname = usePathname();
  const base = `/w/${slug}`;
  const tabs = [
    { href: base, label: t('maps') },
    { href: `${base}/members`, label: t('members') },
    { href: `${base}/personas`, label: t('personas') },
    { href: `${base}/departments`, label: t('departments') },
  ];
  return (
    <nav className="tabs" aria-label={t('label')}>
      {tabs.map((tab) => (
        <Link key={tab.href} href={tab.href} aria-current={pathname === tab.href ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
