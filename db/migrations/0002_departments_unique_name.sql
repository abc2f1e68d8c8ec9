-- One department name per workspace, whatever its case. Workspaces that already hold two alike
-- keep both: the later ones are renamed "Name (2)", "Name (3)"… (a suffix no name holds yet), so
-- nobody's department is lost or merged behind their back.
DO $$
DECLARE
  dup record;
  n integer;
  candidate text;
BEGIN
  FOR dup IN
    SELECT id, workspace_id, name FROM (
      SELECT id, workspace_id, name,
        row_number() OVER (PARTITION BY workspace_id, lower(name) ORDER BY created_at, id) AS k
      FROM departments
    ) ranked
    WHERE k > 1
    ORDER BY workspace_id, lower(name), k
  LOOP
    n := 2;
    LOOP
      candidate := left(dup.name, 52) || ' (' || n || ')';
      EXIT WHEN NOT EXISTS (
        SELECT 1 FROM departments WHERE workspace_id = dup.workspace_id AND lower(name) = lower(candidate)
      );
      n := n + 1;
    END LOOP;
    UPDATE departments SET name = candidate WHERE id = dup.id;
  END LOOP;
END $$;--> statement-breakpoint
CREATE UNIQUE INDEX "departments_workspace_name_key" ON "departments" USING btree ("workspace_id",lower("name"));
