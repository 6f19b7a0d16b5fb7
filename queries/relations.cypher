// name: relations
// description: The relations of one actor grouped by type and direction: for each (type, source,
//   target) the number of events that took place (negated ones excluded) and their summed Goldstein score.
// param: actor (actor, required) — a name, alias, id or code, e.g. "United States" or "USA"
// param: type (type, default null) — only this relation type, any case (e.g. "criticized"); all when omitted
// sort: type, source, target
// scope: actors=$actor
// why: portable; out- and in-going branches joined by UNION ALL (no undirected matching in grand-cypher).
//   No MIN/MAX(date) columns: grand-cypher's MIN/MAX turn an all-null group into +/-infinity, Neo4j into null.
MATCH (a:Actor {id: $actor})-[r]->(b:Actor)
WHERE r.negated = false AND ($type IS NULL OR type(r) = $type)
RETURN type(r) AS type, a.id AS source, b.id AS target, COUNT(r) AS events, SUM(r.goldstein) AS goldstein
UNION ALL
MATCH (b:Actor)-[r]->(a:Actor {id: $actor})
WHERE r.negated = false AND ($type IS NULL OR type(r) = $type)
RETURN type(r) AS type, b.id AS source, a.id AS target, COUNT(r) AS events, SUM(r.goldstein) AS goldstein
