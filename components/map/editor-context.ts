'use client';
// What every part of the editor needs besides the session: whether it may edit, the workspace's
// departments, and the editor's voice (screen-reader announcements, toasts, operation errors).
import { createContext, useContext } from 'react';
import type { Store } from '@/lib/map-client/store';

export interface Department {
  id: string;
  name: string;
  color: string;
}

export interface Toast {
  message: string;
  /** The undo step that reverses what the toast reports; "Undo" shows while it is the latest. */
  undoItem?: unknown;
}

export interface EditorContextValue {
  readOnly: boolean;
  departments: readonly Department[];
  departmentById: ReadonlyMap<string, Department>;
  /** Says `message` to screen readers (polite live region). */
  announce: (message: string) => void;
  showToast: (toast: Toast) => void;
  /**
   * Runs one map operation as its own undo step; a MapOperationError (a limit reached, a card
   * someone else just deleted) becomes a toast instead of a crash. Returns the result or undefined.
   */
  run: <T>(operation: () => T) => T | undefined;
  /** The drop id of the cell a dragged card would land in (highlighted), or null. */
  dropTarget: Store<string | null>;
  /** Runs an operation and offers "Undo" for it in a toast with `message`. */
  runWithUndo: (message: string, operation: () => void) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor() outside <EditorContext.Provider>');
  return value;
}
