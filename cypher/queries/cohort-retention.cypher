// Weekly join cohorts (weeks start on Monday) and, for each week since joining, how many of the
// cohort had any learning or social activity (follows excluded), as GET /api/cohorts?period=week.
// Users without joinedAt are left out here (the API uses their first event instead).
// @param weeks integer = 26 weeks since joining to report
MATCH (u:User) WHERE u.joinedAt IS NOT NULL
WITH date.truncate('week', u.joinedAt) AS cohort, collect(u) AS members
UNWIND members AS u
OPTIONAL MATCH (u)-[r]->(x) WHERE (x:Course OR x:User) AND NOT type(r) IN ['FOLLOWS', 'CREATED'] AND r.at IS NOT NULL
WITH cohort, size(members) AS size, u, collect(DISTINCT duration.inDays(cohort, date(r.at)).days / 7) AS weeks
UNWIND weeks AS week
WITH cohort, size, week, count(DISTINCT u) AS active
WHERE 0 <= week < $weeks
RETURN toString(cohort) AS cohort, size, week, active, round(toFloat(active) / size, 4) AS retention
ORDER BY cohort, week
