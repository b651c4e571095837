package io.learnergraph.store;

import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.neo4j.driver.types.TypeSystem;
import org.neo4j.driver.internal.types.InternalTypeSystem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Driver values as plain JSON-ready Java values: nodes as {elementId, labels, properties},
 * relationships as {elementId, type, startElementId, endElementId, properties}, paths as
 * {nodes, relationships}, temporal values as ISO-8601 strings, points as {srid, x, y, z}, bytes
 * as base64, and NaN or infinite floats as strings (JSON has no such numbers).
 */
final class CypherValues {

    private static final TypeSystem TYPES = InternalTypeSystem.TYPE_SYSTEM;

    private CypherValues() {
    }

    static Object toJson(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.hasType(TYPES.NODE())) {
            return node(v.asNode());
        }
        if (v.hasType(TYPES.RELATIONSHIP())) {
            return relationship(v.asRelationship());
        }
        if (v.hasType(TYPES.PATH())) {
            Path p = v.asPath();
            List<Object> nodes = new ArrayList<>();
            p.nodes().forEach(n -> nodes.add(node(n)));
            List<Object> rels = new ArrayList<>();
            p.relationships().forEach(r -> rels.add(relationship(r)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nodes", nodes);
            m.put("relationships", rels);
            return m;
        }
        if (v.hasType(TYPES.LIST())) {
            List<Object> out = new ArrayList<>();
            v.values().forEach(x -> out.add(toJson(x)));
            return out;
        }
        if (v.hasType(TYPES.MAP())) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.keys().forEach(k -> out.put(k, toJson(v.get(k))));
            return out;
        }
        if (v.hasType(TYPES.BOOLEAN())) {
            return v.asBoolean();
        }
        if (v.hasType(TYPES.INTEGER())) {
            return v.asLong();
        }
        if (v.hasType(TYPES.FLOAT())) {
            double d = v.asDouble();
            return Double.isFinite(d) ? d : String.valueOf(d);
        }
        if (v.hasType(TYPES.STRING())) {
            return v.asString();
        }
        if (v.hasType(TYPES.BYTES())) {
            return Base64.getEncoder().encodeToString(v.asByteArray());
        }
        if (v.hasType(TYPES.POINT())) {
            var p = v.asPoint();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("srid", p.srid());
            m.put("x", p.x());
            m.put("y", p.y());
            if (!Double.isNaN(p.z())) {
                m.put("z", p.z());
            }
            return m;
        }
        return v.asObject().toString(); // dates, times, durations: ISO-8601
    }

    private static Map<String, Object> node(Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("elementId", n.elementId());
        List<String> labels = new ArrayList<>();
        n.labels().forEach(labels::add);
        m.put("labels", labels);
        m.put("properties", properties(n.asMap(x -> x)));
        return m;
    }

    private static Map<String, Object> relationship(Relationship r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("elementId", r.elementId());
        m.put("type", r.type());
        m.put("startElementId", r.startNodeElementId());
        m.put("endElementId", r.endNodeElementId());
        m.put("properties", properties(r.asMap(x -> x)));
        return m;
    }

    private static Map<String, Object> properties(Map<String, Value> props) {
        Map<String, Object> out = new LinkedHashMap<>();
        props.forEach((k, v) -> out.put(k, toJson(v)));
        return out;
    }
}
