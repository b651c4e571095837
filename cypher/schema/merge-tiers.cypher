// The configured membership tiers, lowest first ($tiers: [{name, rank}]).
UNWIND $tiers AS tier
MERGE (t:Tier {name: tier.name})
SET t.rank = tier.rank
