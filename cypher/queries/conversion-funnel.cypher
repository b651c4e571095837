// One course's ordered conversion funnel between two dates, as GET /api/funnels?groupBy=course
// counts it: distinct users who viewed it in the range, then enrolled at or after their first
// view, bought at or after enrolling (courses of the lowest tier need no purchase), and
// completed at or after buying.
// @param course string (required) the course id
// @param from string = 2000-01-01 first day of the range (ISO-8601)
// @param to string = 2100-01-01 last moment of the range (ISO-8601)
MATCH (c:Course {id: $course})
OPTIONAL MATCH (lowest:Tier {rank: 0})
WITH c, datetime($from) AS f, datetime($to) AS t, (c.tier IS NULL OR c.tier = lowest.name) AS free
OPTIONAL MATCH (u:User)-[v:VIEWED]->(c) WHERE f <= v.at <= t
WITH c, f, t, free, u, min(v.at) AS viewedAt
OPTIONAL MATCH (u)-[e:ENROLLED]->(c) WHERE viewedAt <= e.at <= t
WITH c, t, free, u, viewedAt, min(e.at) AS enrolledAt
OPTIONAL MATCH (u)-[p:PURCHASED]->(c) WHERE enrolledAt <= p.at <= t
WITH c, t, free, u, viewedAt, enrolledAt, CASE WHEN free THEN enrolledAt ELSE min(p.at) END AS boughtAt
OPTIONAL MATCH (u)-[d:COMPLETED]->(c) WHERE boughtAt <= d.at <= t
WITH c, u, viewedAt, enrolledAt, boughtAt, min(d.at) AS completedAt
RETURN c.id AS courseId, count(viewedAt) AS viewed, count(enrolledAt) AS enrolled, count(boughtAt) AS bought,
       count(completedAt) AS completed
