'use client';
// The emotion curve of one emotions lane: a line across the stages through its cards' scores
// (−2…+2). Editors drag a point up or down, or focus it and use ArrowUp/ArrowDown.
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { updateCard, type EmotionScore, type StageSnapshot } from '@/lib/map';
import { monotonePath } from '@/lib/map-client/curve-path';
import { useEmotionPoints, useSession, type EmotionPointView } from '@/lib/map-client/use-map-session';
import { useEditor } from './editor-context';
import { EMOTION_KEYS, formatScore } from './emotion';
import { FACE_GRID, FaceStrokes } from './icons';
import { CURVE_HEIGHT, CURVE_PADDING } from './LaneHeader';
import styles from './map-editor.module.css';

const SCORE_COLORS: Record<EmotionScore, string> = {
  [-2]: '#dc2626',
  [-1]: '#f97316',
  0: '#a3a3a3',
  1: '#22c55e',
  2: '#15803d',
} as Record<EmotionScore, string>;

/** A point's ring radius, px, and its face's width: the face grid (24 units) drawn 20 px wide. */
const POINT_RADIUS = 15;
const FACE_SCALE = 20 / FACE_GRID;
const yOf = (score: number) => CURVE_PADDING + ((2 - score) * (CURVE_HEIGHT - 2 * CURVE_PADDING)) / 4;

function scoreAt(y: number): EmotionScore {
  const raw = 2 - ((y - CURVE_PADDING) * 4) / (CURVE_HEIGHT - 2 * CURVE_PADDING);
  return Math.max(-2, Math.min(2, Math.round(raw))) as EmotionScore;
}

interface Placed extends EmotionPointView {
  x: number;
  y: number;
  stageName: string;
  nth: number;
  ofStage: number;
}

function layout(points: readonly EmotionPointView[], stages: readonly StageSnapshot[], width: number): Placed[] {
  const column = stages.length ? width / stages.length : 0;
  const byStage = new Map<string, EmotionPointView[]>();
  for (const point of points) byStage.set(point.stageId, [...(byStage.get(point.stageId) ?? []), point]);
  const placed: Placed[] = [];
  stages.forEach((stage, index) => {
    const list = byStage.get(stage.id) ?? [];
    list.forEach((point, j) => {
      placed.push({
        ...point,
        x: column * (index + (j + 1) / (list.length + 1)),
        y: yOf(point.score),
        stageName: stage.name,
        nth: j + 1,
        ofStage: list.length,
      });
    });
  });
  return placed;
}

export const EmotionCurve = memo(function EmotionCurve({
  laneId,
  laneName,
  stages,
  row,
}: {
  laneId: string;
  laneName: string;
  stages: readonly StageSnapshot[];
  row: number;
}) {
  const session = useSession();
  const { readOnly, run } = useEditor();
  const t = useTranslations('editor.curve');
  const te = useTranslations('editor.emotion');
  const points = useEmotionPoints(laneId);
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(0);
  const [dragging, setDragging] = useState<string | null>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const placed = layout(points, stages, width);
  const column = stages.length ? width / stages.length : 0;

  const setScore = (cardId: string, score: EmotionScore) => run(() => updateCard(session.doc, cardId, { emotion: score }, session.origin));

  const label = (point: Placed) =>
    point.ofStage > 1
      ? t('pointNth', {
          stage: point.stageName,
          n: point.nth,
          score: formatScore(point.score),
        })
      : t('point', { stage: point.stageName, score: formatScore(point.score) });

  return (
    <div
      ref={boxRef}
      className={styles.curve}
      style={{
        gridRow: row,
        gridColumn: `2 / span ${Math.max(1, stages.length)}`,
        height: CURVE_HEIGHT,
      }}
      role="group"
      aria-label={t('label', { lane: laneName })}
    >
      {width > 0 ? (
        <svg
          ref={svgRef}
          width={width}
          height={CURVE_HEIGHT}
          className={styles.curveSvg}
          onPointerMove={(event) => {
            if (!dragging || readOnly) return;
            const rect = svgRef.current!.getBoundingClientRect();
            const score = scoreAt(event.clientY - rect.top);
            const point = points.find((p) => p.cardId === dragging);
            if (point && point.score !== score) setScore(dragging, score);
          }}
          onPointerUp={() => setDragging(null)}
          onPointerCancel={() => setDragging(null)}
        >
          {[2, 1, 0, -1, -2].map((score) => (
            <line
              key={score}
              x1={0}
              x2={width}
              y1={yOf(score)}
              y2={yOf(score)}
              className={score === 0 ? styles.curveZero : styles.curveGrid}
            />
          ))}
          {stages.slice(1).map((stage, index) => (
            <line
              key={stage.id}
              x1={column * (index + 1)}
              x2={column * (index + 1)}
              y1={0}
              y2={CURVE_HEIGHT}
              className={styles.curveSeparator}
            />
          ))}
          <path d={monotonePath(placed)} className={styles.curveLine} />
          {placed.length === 0 ? (
            <text x={Math.min(width / 2, 360)} y={CURVE_HEIGHT / 2} textAnchor="middle" className={styles.curveEmpty}>
              {readOnly ? t('emptyReadOnly') : t('empty')}
            </text>
          ) : null}
          {placed.map((point) => (
            <g
              key={point.cardId}
              // One transform per point (Chrome keeps a paint property node for each): the face's
              // grid, scaled to the point's size and centred on it; the ring is drawn on that grid too.
              transform={`translate(${point.x},${point.y}) scale(${FACE_SCALE}) translate(${-FACE_GRID / 2},${-FACE_GRID / 2})`}
              className={readOnly ? styles.curvePointStatic : styles.curvePoint}
              role={readOnly ? 'img' : 'slider'}
              tabIndex={readOnly ? undefined : 0}
              aria-label={label(point)}
              aria-valuemin={readOnly ? undefined : -2}
              aria-valuemax={readOnly ? undefined : 2}
              aria-valuenow={readOnly ? undefined : point.score}
              aria-valuetext={readOnly ? undefined : `${formatScore(point.score)} ${te(EMOTION_KEYS[point.score])}`}
              aria-orientation={readOnly ? undefined : 'vertical'}
              onPointerDown={(event) => {
                if (readOnly) return;
                event.preventDefault();
                svgRef.current?.setPointerCapture(event.pointerId);
                (event.currentTarget as SVGGElement).focus();
                session.newUndoStep();
                setDragging(point.cardId);
              }}
              onKeyDown={(event) => {
                if (readOnly) return;
                const step =
                  event.key === 'ArrowUp' || event.key === 'ArrowRight'
                    ? 1
                    : event.key === 'ArrowDown' || event.key === 'ArrowLeft'
                      ? -1
                      : 0;
                const jump = event.key === 'Home' ? -2 : event.key === 'End' ? 2 : null;
                if (!step && jump === null) return;
                event.preventDefault();
                const next = (jump ?? Math.max(-2, Math.min(2, point.score + step))) as EmotionScore;
                if (next !== point.score) {
                  session.newUndoStep();
                  setScore(point.cardId, next);
                }
              }}
            >
              <title>{label(point)}</title>
              <circle
                cx={FACE_GRID / 2}
                cy={FACE_GRID / 2}
                r={POINT_RADIUS / FACE_SCALE}
                className={styles.curveRing}
                style={{ stroke: SCORE_COLORS[point.score] }}
              />
              <FaceStrokes score={point.score} className={styles.curveFace} style={{ color: SCORE_COLORS[point.score] }} />
            </g>
          ))}
        </svg>
      ) : null}
    </div>
  );
});
