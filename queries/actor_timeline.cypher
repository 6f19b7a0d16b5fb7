// name: actor_timeline
// description: Everything one actor did or had done to them, oldest first: one row per event and
//   counterpart (a three-party meeting gives two rows), with the type, the direction as stored
//   (source -> target; for symmetric types the smaller id comes first), place and negation.
// param: actor (actor, required) — a name, alias, id or code ("Turkey", "TUR", "Mevlut Cavusoglu")
// param: since (date, default null) — only events on or after this day
// param: until (date, default null) — only events on or before this day
// sort: date, event_id, source, target
// scope: actors=$actor since=$since until=$until
// why: portable; two directed branches joined by UNION ALL.
MATCH (a:Actor {id: $actor})-[r]->(b:Actor)
WHERE ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until)
RETURN r.date AS date, type(r) AS type, a.id AS source, b.id AS target, r.place AS place, r.negated AS negated, r.event_id AS event_id
UNION ALL
MATCH (b:Actor)-[r]->(a:Actor {id: $actor})
WHERE ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until)
RETURN r.date AS date, type(r) AS type, b.id AS source, a.id AS target, r.place AS place, r.negated AS negated, r.event_id AS event_id
