// name: central_actors
// description: The most central actors by degree: the number of event relationships (events that took
//   place) an actor is an end of, and the number of distinct counterparts; ties broken by id.
// param: limit (int, default 10) — how many actors
// sort: degree desc, partners desc, id
// why: per backend. Degree counts edges in both directions; grand-cypher cannot aggregate over an
//   undirected pattern nor sum two UNION branches, so the embedded store counts with NetworkX
//   (kg.cypher.PROCEDURES). Neo4j Community has no Graph Data Science library, so degree (not
//   betweenness/PageRank) is the measure both stores compute identically.
// --- backend: neo4j
MATCH (a:Actor)-[r]-(b:Actor)
WHERE r.negated = false
RETURN a.id AS id, coalesce(a.name, a.id) AS name, count(r) AS degree, count(DISTINCT b) AS partners
ORDER BY degree DESC, partners DESC, id
LIMIT $limit
// --- backend: embedded
CALL kg.central_actors($limit)
