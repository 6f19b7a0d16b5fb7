// name: shortest_connection
// description: The shortest chains of events linking two actors, whatever the types and directions:
//   every distinct shortest sequence of actors (at most 6 hops), with its length.
// param: source (actor, required) — the actor at one end (name, alias, id or code)
// param: target (actor, required) — the actor at the other end
// sort: hops, path
// why: per backend. grand-cypher has no shortestPath and cannot match undirected edges stored one way,
//   so the embedded store runs NetworkX's all_shortest_paths on the undirected store graph
//   (kg.cypher.PROCEDURES). Neo4j enumerates relationship paths; DISTINCT on the actor ids makes the
//   rows the same as NetworkX's node paths. The hop limit is fixed at 6 in the text (Cypher cannot take
//   a variable-length bound as a parameter).
// --- backend: neo4j
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..6]-(b))
RETURN DISTINCT [n IN nodes(p) | n.id] AS path, length(p) AS hops
// --- backend: embedded
CALL kg.shortest_connection($source, $target)
