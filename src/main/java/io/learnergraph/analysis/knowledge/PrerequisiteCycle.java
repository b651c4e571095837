package io.learnergraph.analysis.knowledge;

import java.util.List;

/** Prerequisites that loop: the topics of the cycle, the first repeated at the end. */
public final class PrerequisiteCycle extends RuntimeException {
    private final List<String> topics;

    public PrerequisiteCycle(List<String> topics) {
        super("prerequisite cycle: " + String.join(" -> ", topics));
        this.topics = List.copyOf(topics);
    }

    public List<String> topics() {
        return topics;
    }
}
