// The shape of one row of the maps list, as the service returns it.
import type { listMaps } from '@/lib/services/maps';

export type MapSummary = Awaited<ReturnType<typeof listMaps>>['maps'][number];
export type MapListQuery = {
  archived: '0' | '1';
  sort: 'updated' | 'title' | 'created';
};
