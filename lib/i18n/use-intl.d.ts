// Typed message keys: `t('maps.new')` is checked against messages/en.json by the compiler
// (messages.test.ts keeps id.json in step with it).
import type en from '@/messages/en.json';

declare module 'use-intl' {
  interface AppConfig {
    Messages: typeof en;
  }
}
