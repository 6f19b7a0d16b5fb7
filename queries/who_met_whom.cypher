// name: who_met_whom
// description: Meetings (MET events that took place, not negated) of one actor, one row per other party:
//   the date, the other party (id and roll-up code), the place and the event id, oldest first. At
//   level "code" (the default, as `kg who-met-whom`) a state matches everyone who rolls up to it (its
//   ministers, ministries) and parties of the same code are not listed; at level "person" only the actor itself.
// param: actor (actor, required) — a name, alias, id or code: "Turkey", "TUR", "Mevlut Cavusoglu"
// param: since (date, default null) — only meetings on or after this day (YYYY-MM-DD)
// param: until (date, default null) — only meetings on or before this day
// param: level (level, default "code") — "code": roll up to the state, as kg who-met-whom; "person": as recorded
// sort: date, other_code, other, event_id
// scope: actors=$actor codes=$actor types=MET since=$since until=$until
// why: portable. A meeting is stored once per pair, smaller id -> larger, and grand-cypher's undirected
//   patterns only match edges stored both ways, so the two directions are two branches joined by UNION ALL.
//   No CASE in grand-cypher: the roll-up is a condition on the anchor (a.code), and both the id and the
//   code of the other party are returned.
MATCH (a:Actor)-[r:MET]->(b:Actor)
WHERE (a.id = $actor OR ($level = "code" AND a.code = $actor)) AND r.negated = false
  AND ($level = "person" OR coalesce(b.code, b.id) <> $actor) AND b.id <> $actor
  AND ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until)
RETURN r.date AS date, b.id AS other, coalesce(b.name, b.id) AS other_name, b.code AS other_code, r.place AS place,
  r.event_id AS event_id
UNION ALL
MATCH (b:Actor)-[r:MET]->(a:Actor)
WHERE (a.id = $actor OR ($level = "code" AND a.code = $actor)) AND r.negated = false
  AND ($level = "person" OR coalesce(b.code, b.id) <> $actor) AND b.id <> $actor
  AND ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until)
RETURN r.date AS date, b.id AS other, coalesce(b.name, b.id) AS other_name, b.code AS other_code, r.place AS place,
  r.event_id AS event_id
