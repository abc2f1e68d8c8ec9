'use client';
// A value to copy (an invitation link) with a Copy button; the text stays selectable as a fallback.
import { useId, useState } from 'react';
import { useTranslations } from 'use-intl';

export function CopyBox({ value, label, copyLabel }: { value: string; label: string; copyLabel: string }) {
  const t = useTranslations('common');
  const [copied, setCopied] = useState(false);
  const valueId = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard permission (http, old browser): select the text so Ctrl+C works.
      const range = document.createRange();
      const node = document.getElementById(valueId);
      if (node) {
        range.selectNodeContents(node);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    }
  }
  return (
    <div className="copy-box" role="group" aria-label={label}>
      <code id={valueId}>{value}</code>
      <button type="button" className="btn btn-sm" onClick={copy} aria-label={copied ? t('copied') : copyLabel}>
        {copied ? `✓ ${t('copied')}` : t('copy')}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {copied ? t('copied') : ''}
      </span>
    </div>
  );
}
