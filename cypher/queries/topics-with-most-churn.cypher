// Topics whose learners most often went quiet: the share of a topic's learners with no learning
// event in the inactiveDays before the graph's latest one.
// @param inactiveDays integer = 30 days without a learning event that count as churned
// @param minLearners integer = 5 ignore topics with fewer learners
// @param limit integer = 20 how many topics
CALL () {
  MATCH (:User)-[e:VIEWED|ENROLLED|PROGRESSED|COMPLETED|RATED|PURCHASED]->(:Course)
  RETURN max(e.at) AS latest
}
MATCH (t:Topic)<-[:COVERS]-(:Course)<-[:ENROLLED]-(u:User)
WITH latest, t, collect(DISTINCT u) AS learners
WHERE size(learners) >= $minLearners
UNWIND learners AS u
CALL (u) {
  MATCH (u)-[e:VIEWED|ENROLLED|PROGRESSED|COMPLETED|RATED|PURCHASED]->(:Course)
  RETURN max(e.at) AS lastEvent
}
WITH t, count(u) AS learners,
     sum(CASE WHEN lastEvent < latest - duration({days: $inactiveDays}) THEN 1 ELSE 0 END) AS churned
RETURN t.id AS topicId, t.name AS name, learners, churned, round(toFloat(churned) / learners, 3) AS churnRate
ORDER BY churnRate DESC, learners DESC, topicId
LIMIT $limit
