// name: who_met_whom
// description: Meetings (MET events that took place, not negated) of one actor, with the other party,
//   the date, the place and the event id, oldest first. Works at the level of the actor id given
//   ("TUR" is the Turkish state itself, not its officials: use `kg who-met-whom` for the roll-up).
// param: actor (str, required) — actor id, e.g. "TUR" or "person:mevlut-cavusoglu"
// param: since (date, default null) — only meetings on or after this day (YYYY-MM-DD)
// param: until (date, default null) — only meetings on or before this day
// sort: date, other, event_id
// scope: actors=$actor types=MET since=$since until=$until
// why: portable. A meeting is stored once per pair, smaller id -> larger, and grand-cypher's undirected
//   patterns only match edges stored both ways, so the two directions are two branches joined by UNION ALL.
MATCH (a:Actor {id: $actor})-[r:MET]->(b:Actor)
WHERE r.negated = false AND ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until)
RETURN r.date AS date, b.id AS other, coalesce(b.name, b.id) AS other_name, r.place AS place, r.event_id AS event_id
UNION ALL
MATCH (b:Actor)-[r:MET]->(a:Actor {id: $actor})
WHERE r.negated = false AND ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until)
RETURN r.date AS date, b.id AS other, coalesce(b.name, b.id) AS other_name, r.place AS place, r.event_id AS event_id
