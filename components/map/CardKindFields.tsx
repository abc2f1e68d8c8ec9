'use client';
// The fields a card carries because of its lane: channel (touchpoints), severity and links (pain
// points), impact and feasibility (opportunities), emotion (emotions). Selects for editors, chips
// for readers.
import { Link2 } from 'lucide-react';
import { useRef, type ComponentProps } from 'react';
import { useTranslations } from 'use-intl';
import { CHANNELS, updateCard, type CardFields, type CardPatch, type Channel, type LaneKind } from '@/lib/map';
import { useSession } from '@/lib/map-client/use-map-session';
import { useEditor } from './editor-context';
import { EMOTION_KEYS, SEVERITY_KEYS } from './emotion';
import { EmotionFace } from './icons';
import styles from './map-editor.module.css';

/**
 * A select with its caption. Not a <label>: at every keystroke in a card, Chrome's autofill goes
 * through all the <label> elements of the page, and a 1,000-card map has about a thousand. A click
 * on the caption still focuses the select, as it did on the label.
 */
function MiniField({ caption, ...select }: { caption: string } & ComponentProps<'select'>) {
  const ref = useRef<HTMLSelectElement>(null);
  return (
    <span className={styles.miniField}>
      <span aria-hidden="true" onClick={() => ref.current?.focus()}>
        {caption}
      </span>
      <select ref={ref} aria-label={caption} {...select} />
    </span>
  );
}

export function CardKindFields({
  cardId,
  laneKind,
  fields,
  links,
  onOpenLinks,
}: {
  cardId: string;
  laneKind: LaneKind;
  fields: CardFields;
  links: readonly string[];
  onOpenLinks: () => void;
}) {
  const session = useSession();
  const { readOnly, run } = useEditor();
  const t = useTranslations('editor.card');
  const tc = useTranslations('channels');
  const te = useTranslations('editor.emotion');
  const update = (patch: CardPatch) => run(() => updateCard(session.doc, cardId, patch, session.origin));
  const numberOrNull = (value: string) => (value === '' ? null : Number(value));

  if (laneKind === 'touchpoints') {
    if (readOnly)
      return fields.channel ? (
        <div className={styles.cardFields}>
          <span className={styles.chip}>{tc(fields.channel)}</span>
        </div>
      ) : null;
    return (
      <div className={styles.cardFields}>
        <select
          className={styles.miniSelect}
          aria-label={t('channel')}
          value={fields.channel ?? ''}
          onChange={(event) => update({ channel: (event.target.value || null) as Channel | null })}
        >
          <option value="">{t('noChannel')}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {tc(channel)}
            </option>
          ))}
        </select>
      </div>
    );
  }

  if (laneKind === 'painpoints') {
    const severity = fields.severity;
    const linkLabel = readOnly
      ? t('linkCount', { count: links.length })
      : links.length
        ? t('linkCount', { count: links.length })
        : t('linkOpportunities');
    return (
      <div className={styles.cardFields}>
        {readOnly ? (
          severity ? (
            <span className={`${styles.chip} ${styles[`severity${severity}`]}`}>
              {t('severityValue', {
                value: t(`severityLevels.${SEVERITY_KEYS[severity]}`),
              })}
            </span>
          ) : null
        ) : (
          <MiniField
            caption={t('severity')}
            className={`${styles.miniSelect} ${severity ? styles[`severity${severity}`] : ''}`}
            value={severity ?? ''}
            onChange={(event) =>
              update({
                severity: numberOrNull(event.target.value) as CardFields['severity'],
              })
            }
          >
            <option value="">–</option>
            {([1, 2, 3] as const).map((value) => (
              <option key={value} value={value}>
                {t(`severityLevels.${SEVERITY_KEYS[value]}`)}
              </option>
            ))}
          </MiniField>
        )}
        {readOnly && links.length === 0 ? null : (
          <button type="button" className={styles.linkButton} onClick={onOpenLinks}>
            <Link2 size={13} aria-hidden="true" /> {linkLabel}
          </button>
        )}
      </div>
    );
  }

  if (laneKind === 'opportunities') {
    const rating = (field: 'impact' | 'feasibility') => {
      const value = fields[field];
      if (readOnly) return value ? <span className={styles.chip}>{t(`${field}Value`, { value })}</span> : null;
      return (
        <MiniField
          caption={t(field)}
          className={styles.miniSelect}
          value={value ?? ''}
          onChange={(event) => update({ [field]: numberOrNull(event.target.value) } as CardPatch)}
        >
          <option value="">–</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </MiniField>
      );
    };
    const priority = fields.impact && fields.feasibility ? fields.impact * fields.feasibility : null;
    return (
      <div className={styles.cardFields}>
        {rating('impact')}
        {rating('feasibility')}
        {priority !== null && priority >= 16 ? <span className={`${styles.chip} ${styles.chipStrong}`}>{t('quickWin')}</span> : null}
      </div>
    );
  }

  if (laneKind === 'emotions') {
    const score = fields.emotion;
    if (readOnly) {
      return score !== null ? (
        <div className={styles.cardFields}>
          <span className={styles.chip}>
            <EmotionFace score={score} size={14} /> {te(EMOTION_KEYS[score])}
          </span>
        </div>
      ) : null;
    }
    return (
      <div className={styles.cardFields}>
        {score !== null ? <EmotionFace score={score} className={styles.fieldFace} /> : null}
        <select
          className={styles.miniSelect}
          aria-label={t('emotion')}
          value={score ?? ''}
          onChange={(event) =>
            update({
              emotion: numberOrNull(event.target.value) as CardFields['emotion'],
            })
          }
        >
          <option value="">–</option>
          {([2, 1, 0, -1, -2] as const).map((value) => (
            <option key={value} value={value}>
              {te(EMOTION_KEYS[value])}
            </option>
          ))}
        </select>
      </div>
    );
  }

  return null;
}
