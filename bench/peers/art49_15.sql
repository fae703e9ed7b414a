-- art49.15 in DuckDB SQL: the counterpart of ruqsat_domain::residence::assess as the sweep
-- (ruqsat_web::monitoring::sweep) applies it, for bench/peers/sweep.sh.
--
-- Input tables (loaded by bench/peers/duckdb_sweep.py from the generated files):
--   holders(passport VARCHAR, issued_on DATE)                                  -- holders CSV
--   crossings(crossing_id, iin, passport, direction, at TIMESTAMP, checkpoint) -- the feed CSV
-- Variables: as_of (DATE, the day of the check), min_days (INTEGER, art49_15.min_days in force).
-- Output: flagged(passport, period_from): each holder with a period judged short, with the first
-- such period (what Ruqsat records in revocation_candidates, ground art49.15).
--
-- The rule, as the code computes it:
-- * Periods run back to back from the issue date: period y is add_years(issued, y) to the day
--   before add_years(issued, y + 1) (29 February -> 28 February); every period begun by as_of.
-- * A holder's crossings in order of (time, crossing id), those after as_of included. On the
--   issue date the holder is where the last crossing before it left them; without one, in
--   Kazakhstan. A day with any moment in Kazakhstan is a day present (entry and exit days
--   count). Two entries (or two exits) in a row: the days between are unknown.
-- * A period is short when days present + days unknown (counted once) + the days of the period
--   still to come after as_of < min_days: the only verdict that flags (Verdict::Short);
--   "undetermined" (short only without the unknown days) and "open" are not flagged.
--
-- So only the days neither present nor unknown matter: the days known to be abroad. Going
-- through the code's cases (exit then entry: away strictly between the two days; exit then
-- exit: unknown between, present on the second; entry then anything: present or unknown up to
-- the next crossing's day, which is itself covered), those are exactly:
--   after each exit followed by an entry: the days strictly between the exit and the entry;
--   after an exit followed by nothing: every day after the exit day (to as_of);
-- cut to the issue date (an exit before the issue date followed by an entry after it leaves
-- the holder away from the issue date to the day before the entry). These runs are disjoint
-- (each lies between two consecutive crossings), so a period's days present or unknown are its
-- days up to as_of minus its days away, and it is short when
--   (period_to - period_from + 1) - days_away < min_days
-- (days counted up to as_of plus days remaining = the period's length). A holder never away
-- (in particular one without crossings, whom Ruqsat skips) is never short.
-- Exemptions (Appendix 3 item 9) are not in the generated data (no categories; the register's
-- `exempt` is empty). Crossings are matched to holders by passport (the holders have no IIN).
CREATE OR REPLACE TEMP TABLE flagged AS
WITH
-- Each exit with the crossing after it, if that is an entry or there is none.
exits AS (
    SELECT passport, day, next_day
    FROM (
        SELECT c.passport, c.direction, CAST(c.at AS DATE) AS day,
               lead(c.direction) OVER w AS next_direction,
               lead(CAST(c.at AS DATE)) OVER w AS next_day
        FROM crossings c
        WINDOW w AS (PARTITION BY c.passport ORDER BY c.at, c.crossing_id)
    )
    WHERE direction = 'exit' AND next_direction IS DISTINCT FROM 'exit'
),
-- The runs of days known to be abroad, from the issue date on (possibly empty).
away AS (
    SELECT h.passport, h.issued_on,
           greatest(e.day + 1, h.issued_on) AS away_from,
           coalesce(e.next_day - 1, getvariable('as_of')) AS away_to
    FROM exits e
    JOIN holders h ON h.passport = e.passport
),
-- Every period begun by as_of of every holder ever away.
periods AS (
    SELECT passport, period_from, period_to, least(period_to, getvariable('as_of')) AS counted_to
    FROM (
        SELECT passport,
               CAST(issued_on + to_years(CAST(y AS INTEGER)) AS DATE) AS period_from,
               CAST(issued_on + to_years(CAST(y AS INTEGER) + 1) AS DATE) - 1 AS period_to
        FROM (SELECT DISTINCT passport, issued_on FROM away WHERE away_from <= away_to) AS h,
             range(0, greatest(date_diff('year', issued_on, getvariable('as_of')) + 1, 0)) AS years(y)
    )
    WHERE period_from <= getvariable('as_of')
),
-- Days away in each period, up to as_of.
counted AS (
    SELECT p.passport, p.period_from, p.period_to,
           sum(least(a.away_to, p.counted_to) - greatest(a.away_from, p.period_from) + 1) AS days_away
    FROM periods p
    JOIN away a ON a.passport = p.passport AND a.away_from <= p.counted_to AND a.away_to >= p.period_from
    GROUP BY p.passport, p.period_from, p.period_to
)
SELECT passport, min(period_from) AS period_from
FROM counted
WHERE (period_to - period_from + 1) - days_away < getvariable('min_days')
GROUP BY passport;
