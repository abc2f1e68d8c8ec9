-- The update log is keyed by (map_id, id): every read and delete names the map, so one index
-- serves them all and an appended row costs one B-tree insert instead of two (SPEC [AK7]).
ALTER TABLE "map_updates" DROP CONSTRAINT "map_updates_pkey";--> statement-breakpoint
DROP INDEX "map_updates_map_idx";--> statement-breakpoint
ALTER TABLE "map_updates" ADD CONSTRAINT "map_updates_pkey" PRIMARY KEY("map_id","id");
