// name: stance_matrix
// description: Who supports / criticises whom: for every ordered pair of codes (actors rolled up to
//   their code; unresolved actors keep their id), the number of directed events that took place and
//   the net Goldstein score (sum of the types' weights: > 0 cooperative, < 0 conflictual).
// param: since (date, default null) — only events on or after this day
// param: until (date, default null) — only events on or before this day
// sort: source, target
// scope: since=$since until=$until negated=false
// why: portable (one MATCH, grouped RETURN). Symmetric types (MET, AGREED…) have no direction and are left out.
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r.symmetric = false AND r.negated = false AND ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until)
RETURN coalesce(a.code, a.id) AS source, coalesce(b.code, b.id) AS target, COUNT(r) AS events, SUM(r.goldstein) AS net_goldstein
