'use client';
// Other people's pointers on the board, in board coordinates (the board scrolls, they follow).
import { useCursors } from '@/lib/map-client/use-map-session';
import styles from './map-editor.module.css';

export function Cursors() {
  const cursors = useCursors();
  return (
    <div className={styles.cursors} aria-hidden="true">
      {cursors.map((cursor) => (
        <div
          key={cursor.clientId}
          className={styles.cursor}
          style={{
            transform: `translate(${cursor.x}px, ${cursor.y}px)`,
            ['--peer' as string]: cursor.color,
          }}
        >
          <svg width="16" height="20" viewBox="0 0 16 20">
            <path
              d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z"
              fill="var(--peer)"
              stroke="#fff"
              strokeWidth="1.4"
              strokeLinejoin="round"
            />
          </svg>
          <span className={styles.cursorName}>{cursor.name}</span>
        </div>
      ))}
    </div>
  );
}
