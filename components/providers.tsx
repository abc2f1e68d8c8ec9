'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { IntlProvider, type AbstractIntlMessages } from 'use-intl';
import { useState, type ReactNode } from 'react';
import { TIME_ZONE } from '@/lib/i18n/config';

export function Providers({ locale, messages, children }: { locale: string; messages: AbstractIntlMessages; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={TIME_ZONE}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </IntlProvider>
  );
}
