package io.learnergraph.analysis.recommend;

/**
 * One element of an explanation path, read left to right: a node ({@code kind = "node"}: label
 * User, Course, Topic, Tier or Community, with its id and display name) or a relationship
 * ({@code kind = "relationship"}: its type and whether it points forward, "out", or back, "in").
 * Community is the one derived node: the {@code communityId} written back to users.
 */
public record PathStep(String kind, String type, String id, String name, String direction) {

    static PathStep node(String label, String id, String name) {
        return new PathStep("node", label, id, name, null);
    }

    static PathStep out(String relationship) {
        return new PathStep("relationship", relationship, null, null, "out");
    }

    static PathStep in(String relationship) {
        return new PathStep("relationship", relationship, null, null, "in");
    }

    /** Cypher-like form: {@code User u1 -COMPLETED-> Course c7 <-COVERS- ...}. */
    public String render() {
        if (kind.equals("node")) {
            return type + " " + id;
        }
        return direction.equals("out") ? "-" + type + "->" : "<-" + type + "-";
    }
}
