// name: dyad_trend
// description: One pair's events by month and direction: the number of dated events that took place
//   and their net Goldstein score, per month (YYYY-MM), so a rapprochement or a falling-out shows.
// param: a (actor, required) — one actor: a name, alias, id or code, e.g. "Turkey" or "TUR"
// param: b (actor, required) — the other actor, e.g. "Syria" or "SYR"
// sort: month, source, target
// scope: actors=$a
// why: portable. `month` is stored on every event relationship (and added to the embedded graph)
//   because grand-cypher has no substring(); two directed branches joined by UNION ALL.
MATCH (x:Actor {id: $a})-[r]->(y:Actor {id: $b})
WHERE r.negated = false AND NOT r.date IS NULL
RETURN r.month AS month, x.id AS source, y.id AS target, COUNT(r) AS events, SUM(r.goldstein) AS net_goldstein
UNION ALL
MATCH (x:Actor {id: $b})-[r]->(y:Actor {id: $a})
WHERE r.negated = false AND NOT r.date IS NULL
RETURN r.month AS month, x.id AS source, y.id AS target, COUNT(r) AS events, SUM(r.goldstein) AS net_goldstein
