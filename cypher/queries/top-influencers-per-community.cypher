// The most influential members of one community: PageRank and betweenness as written back
// after each refresh (communityId is the default Leiden clustering).
// @param community integer (required) the community id, as in GET /api/communities
// @param limit integer = 10 how many members
MATCH (u:User)
WHERE u.communityId = $community AND u.pagerank IS NOT NULL
RETURN u.id AS userId, u.name AS name, u.tier AS tier, u.pagerank AS pagerank, u.betweenness AS betweenness,
       u.coreness AS coreness
ORDER BY pagerank DESC, userId
LIMIT $limit
