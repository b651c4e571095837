// Analysis results as :User properties for analysts ($rows: [{nodeId, communityId, pagerank,
// betweenness, eigenvector, harmonic, coreness}]); nodeId is the projection's handle.
UNWIND $rows AS row
MATCH (u:User) WHERE id(u) = row.nodeId
SET u.communityId = row.communityId,
    u.pagerank = row.pagerank,
    u.betweenness = row.betweenness,
    u.eigenvector = row.eigenvector,
    u.harmonic = row.harmonic,
    u.coreness = row.coreness
