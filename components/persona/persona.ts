// A persona as the browser sees it (the API's row, dates left out).
export type Segment = 'b2b' | 'b2c';

export interface Persona {
  id: string;
  name: string;
  segment: Segment;
  photoUrl: string | null;
  demographics: string;
  goals: string;
  motivations: string;
  frustrations: string;
  quote: string;
}

/** Keeps only the fields the UI shows (rows from the database or the API carry more). */
export function toPersona(row: Persona & Record<string, unknown>): Persona {
  const { id, name, segment, photoUrl, demographics, goals, motivations, frustrations, quote } = row;
  return {
    id,
    name,
    segment,
    photoUrl,
    demographics,
    goals,
    motivations,
    frustrations,
    quote,
  };
}
