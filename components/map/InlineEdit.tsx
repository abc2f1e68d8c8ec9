'use client';
// An in-place text field for a plain string of the map (stage and lane names, stage descriptions):
// it follows remote changes until focused, and commits on Enter or blur (Escape reverts). Names
// are plain values, not shared text, so a draft is written once instead of per keystroke.
import { useRef, useState } from 'react';

export function InlineEdit({
  value,
  onCommit,
  label,
  className,
  placeholder,
  multiline = false,
  maxLength,
  required = false,
}: {
  value: string;
  onCommit: (value: string) => void;
  label: string;
  className?: string;
  placeholder?: string;
  multiline?: boolean;
  maxLength?: number;
  /** An empty draft reverts instead of committing. */
  required?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const cancelled = useRef(false);
  const shown = draft ?? value;

  const commit = () => {
    if (draft === null) return;
    const next = multiline ? draft.trimEnd() : draft.trim();
    setDraft(null);
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (next === value || (required && !next)) return;
    onCommit(next);
  };

  const common = {
    className,
    value: shown,
    'aria-label': label,
    placeholder,
    maxLength,
    onFocus: () => setDraft(value),
    onBlur: commit,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(event.target.value),
    onKeyDown: (event: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (event.key === 'Escape') {
        cancelled.current = true;
        event.currentTarget.blur();
      } else if (event.key === 'Enter' && (!multiline || !event.shiftKey)) {
        event.preventDefault();
        event.currentTarget.blur();
      }
    },
  };
  // A textarea either way, so a long name wraps instead of hiding its end; single-line fields
  // commit on Enter and never take a line break.
  return (
    <textarea
      rows={1}
      {...common}
      data-single-line={multiline ? undefined : ''}
      onChange={(event) => setDraft(multiline ? event.target.value : event.target.value.replace(/[\r\n]+/g, ' '))}
    />
  );
}
