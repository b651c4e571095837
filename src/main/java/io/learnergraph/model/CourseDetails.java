package io.learnergraph.model;

import java.util.List;
import java.util.Map;

/**
 * A course's stored properties that the projection does not carry.
 *
 * @param extra the course's other stored properties, as strings
 */
public record CourseDetails(Double price, String publishedAt, Map<String, String> extra,
                            List<Map<String, Object>> topics) {

    public static final CourseDetails NONE = new CourseDetails(null, null, Map.of(), List.of());
}
