-- The crossings by IIN: only the rows that have one. Most feeds name a person by passport alone;
-- a row without an IIN was still an entry of this index (under NULL), maintained on every insert
-- and never read (the lookups ask for one IIN). Halves the import's index work (bench/results.md g).
DROP INDEX crossings_by_iin;
CREATE INDEX crossings_by_iin ON crossings (iin, at) WHERE iin IS NOT NULL;
