// Courses by Bayesian-shrunk rating, as GET /api/courses computes its rating component: each
// user's latest rating counts once, and $prior ratings of the platform mean are added to every
// course, so a handful of 5-star ratings does not outrank hundreds of 4.6s.
// @param prior float = 10.0 weight of the platform mean, in ratings
// @param top integer = 20 how many courses
CALL () {
  MATCH (u:User)-[r:RATED]->(c:Course)
  WITH u, c, r ORDER BY r.at
  WITH u, c, last(collect(r.value)) AS latest
  RETURN avg(latest) AS platformMean
}
MATCH (c:Course)
OPTIONAL MATCH (u:User)-[r:RATED]->(c)
WITH platformMean, c, u, r ORDER BY r.at
WITH platformMean, c, u, last(collect(r.value)) AS latest
WITH platformMean, c, count(latest) AS ratings, coalesce(sum(latest), 0) AS total
RETURN c.id AS courseId, c.title AS title, ratings,
       CASE WHEN ratings = 0 THEN null ELSE round(toFloat(total) / ratings, 3) END AS meanRating,
       round(($prior * platformMean + total) / ($prior + ratings), 4) AS bayesRating
ORDER BY bayesRating DESC, courseId
LIMIT $top
