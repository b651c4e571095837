package io.learnergraph.analysis.community;

import io.learnergraph.analysis.graph.CsrGraph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One level of modularity optimisation shared by Louvain and Leiden: an undirected weighted
 * graph (self-loops carry the weight inside aggregated nodes), node strengths, and the moves.
 * The gain of moving node v into community C is k_{v,C} − γ k_v K_C / 2m, with K_C the strength
 * of C without v (Blondel et al. 2008, eq. 2 up to a constant factor).
 */
final class ModularityLevel {

    final CsrGraph graph;
    final double[] strength;
    final double twoM;

    private final double[] neighbourWeight;
    private final int[] touched;

    ModularityLevel(CsrGraph graph) {
        this.graph = graph;
        int n = graph.nodeCount();
        this.strength = new double[n];
        double total = 0;
        for (int v = 0; v < n; v++) {
            strength[v] = graph.weightedDegree(v);
            total += strength[v];
        }
        this.twoM = total;
        this.neighbourWeight = new double[n];
        this.touched = new int[n];
    }

    int size() {
        return graph.nodeCount();
    }

    double[] communityStrength(int[] comm) {
        double[] k = new double[size()];
        for (int v = 0; v < size(); v++) {
            k[comm[v]] += strength[v];
        }
        return k;
    }

    /**
     * Fast local moving (Traag 2015; Traag, Waltman &amp; van Eck 2019, Alg. A.2), used by Louvain
     * and Leiden: a queue of nodes to visit; after a move only the neighbours outside the new
     * community are queued again.
     */
    boolean moveNodesFast(int[] comm, double gamma, SplittableRandom rnd) {
        return moveNodesFast(comm, gamma, rnd, null);
    }

    /**
     * The same, starting with only the {@code first} nodes queued (all when null): a warm start
     * from a partition that was good before a few edges changed visits the nodes those edges
     * touch, and whatever their moves disturb (the dynamic frontier of Sahu 2024).
     */
    boolean moveNodesFast(int[] comm, double gamma, SplittableRandom rnd, boolean[] first) {
        int n = size();
        double[] k = communityStrength(comm);
        int[] queue = shuffled(n, rnd);
        boolean[] queued = new boolean[n];
        int count;
        if (first == null) {
            Arrays.fill(queued, true);
            count = n;
        } else {
            count = 0;
            for (int i = 0; i < n; i++) {
                if (first[queue[i]]) {
                    queue[count++] = queue[i];
                    queued[queue[count - 1]] = true;
                }
            }
        }
        int head = 0; // entries in the circular queue: count
        boolean anyMove = false;
        while (count > 0) {
            int v = queue[head];
            head = head + 1 == n ? 0 : head + 1;
            count--;
            queued[v] = false;
            int best = bestCommunity(v, comm, k, gamma);
            if (best != comm[v]) {
                k[comm[v]] -= strength[v];
                k[best] += strength[v];
                comm[v] = best;
                anyMove = true;
                for (int a = graph.start(v), e = graph.end(v); a < e; a++) {
                    int u = graph.target(a);
                    if (!queued[u] && comm[u] != best) {
                        queued[u] = true;
                        int tail = head + count;
                        queue[tail >= n ? tail - n : tail] = u;
                        count++;
                    }
                }
            }
        }
        return anyMove;
    }

    /** The community of largest gain for v (its own when nothing is better); k is not changed. */
    private int bestCommunity(int v, int[] comm, double[] k, double gamma) {
        int own = comm[v];
        int t = collectNeighbourWeights(v, comm);
        double kv = strength[v];
        double scale = gamma * kv / twoM;
        double bestGain = neighbourWeight[own] - scale * (k[own] - kv);
        int best = own;
        for (int i = 0; i < t; i++) {
            int c = touched[i];
            if (c == own) {
                continue;
            }
            double gain = neighbourWeight[c] - scale * k[c];
            if (gain > bestGain + 1e-12) {
                bestGain = gain;
                best = c;
            }
        }
        clearNeighbourWeights(t);
        return best;
    }

    /** Sums v's arc weights per neighbouring community (self-loops excluded); returns how many. */
    private int collectNeighbourWeights(int v, int[] comm) {
        int t = 0;
        for (int a = graph.start(v), e = graph.end(v); a < e; a++) {
            int u = graph.target(a);
            if (u == v) {
                continue;
            }
            int c = comm[u];
            if (neighbourWeight[c] == 0) {
                touched[t++] = c;
            }
            neighbourWeight[c] += graph.weight(a);
        }
        return t;
    }

    private void clearNeighbourWeights(int t) {
        for (int i = 0; i < t; i++) {
            neighbourWeight[touched[i]] = 0;
        }
    }

    /**
     * Leiden's refinement (Alg. A.3): inside each community, starting from singletons, merge
     * well-connected nodes into well-connected sub-communities, choosing randomly among moves
     * that do not decrease quality with probability ∝ exp(gain / θ). The result's communities
     * are subsets of {@code comm}'s and are guaranteed to be connected.
     */
    int[] refine(int[] comm, double gamma, SplittableRandom rnd, double theta) {
        int n = size();
        int[] refined = new int[n];
        double[] refinedStrength = new double[n];
        double[] refinedExternal = new double[n]; // E(S, C − S) for refined community S
        boolean[] singleton = new boolean[n];
        double[] communityK = communityStrength(comm);
        double[] externalOfNode = new double[n]; // E(v, C − v)
        for (int v = 0; v < n; v++) {
            refined[v] = v;
            refinedStrength[v] = strength[v];
            singleton[v] = true;
            double ext = 0;
            for (int a = graph.start(v), e = graph.end(v); a < e; a++) {
                int u = graph.target(a);
                if (u != v && comm[u] == comm[v]) {
                    ext += graph.weight(a);
                }
            }
            externalOfNode[v] = ext;
            refinedExternal[v] = ext;
        }
        double[] gains = new double[n];
        int[] candidates = new int[n];
        for (int v : shuffled(n, rnd)) {
            if (!singleton[v]) {
                continue;
            }
            double kC = communityK[comm[v]];
            double kv = strength[v];
            if (externalOfNode[v] < gamma * kv * (kC - kv) / twoM) {
                continue; // not well connected to its community
            }
            // weights from v to the refined communities inside its own community
            int t = 0;
            for (int a = graph.start(v), e = graph.end(v); a < e; a++) {
                int u = graph.target(a);
                if (u == v || comm[u] != comm[v]) {
                    continue;
                }
                int s = refined[u];
                if (neighbourWeight[s] == 0) {
                    touched[t++] = s;
                }
                neighbourWeight[s] += graph.weight(a);
            }
            int m = 0;
            double maxGain = 0;
            for (int i = 0; i < t; i++) {
                int s = touched[i];
                if (s == refined[v]) {
                    continue;
                }
                double kS = refinedStrength[s];
                if (refinedExternal[s] < gamma * kS * (kC - kS) / twoM) {
                    continue; // target not well connected
                }
                double gain = neighbourWeight[s] - gamma * kv * kS / twoM;
                if (gain >= 0) {
                    candidates[m] = s;
                    gains[m] = gain;
                    maxGain = Math.max(maxGain, gain);
                    m++;
                }
            }
            int chosen = -1;
            double chosenWeight = 0;
            if (m > 0) {
                // staying alone has gain 0 and is one of the options
                double total = Math.exp((0 - maxGain) / theta);
                for (int i = 0; i < m; i++) {
                    gains[i] = Math.exp((gains[i] - maxGain) / theta);
                    total += gains[i];
                }
                double r = rnd.nextDouble() * total;
                for (int i = 0; i < m; i++) {
                    r -= gains[i];
                    if (r < 0) {
                        chosen = candidates[i];
                        break;
                    }
                }
            }
            if (chosen >= 0) {
                chosenWeight = neighbourWeight[chosen];
                int own = refined[v];
                refined[v] = chosen;
                refinedStrength[chosen] += kv;
                refinedStrength[own] -= kv;
                refinedExternal[chosen] += externalOfNode[v] - 2 * chosenWeight;
                singleton[chosen] = false;
                singleton[v] = false;
            }
            clearNeighbourWeights(t);
        }
        return refined;
    }

    /** The graph of communities: one node per community, arc weights summed, self-loops kept. */
    ModularityLevel aggregate(int[] partition, int count) {
        return new ModularityLevel(graph.aggregate(partition, count));
    }

    /** Renumbers labels to 0..k-1 in place (by first appearance) and returns k. */
    static int renumber(int[] labels) {
        Partition p = Partition.of(labels);
        System.arraycopy(p.community(), 0, labels, 0, labels.length);
        return p.count();
    }

    /** Above this many nodes visiting orders are shuffled by blocks (see {@link #shuffled}). */
    static final int FULL_SHUFFLE_MAX = 1 << 16;
    static final int BLOCK = 256;

    /**
     * A random visiting order. Small graphs get a full Fisher–Yates shuffle; large ones a random
     * order of blocks of {@link #BLOCK} consecutive nodes, in order inside each block, so that
     * consecutive visits read neighbouring CSR rows: a fully random order costs a cache miss per
     * node, which on a 10M-edge graph dominated the running time.
     */
    static int[] shuffled(int n, SplittableRandom rnd) {
        int[] order = new int[n];
        if (n <= FULL_SHUFFLE_MAX) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            shuffle(order, n, rnd);
            return order;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        int[] blockOrder = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            blockOrder[b] = b;
        }
        shuffle(blockOrder, blocks, rnd);
        int k = 0;
        for (int b : blockOrder) {
            for (int v = b * BLOCK, end = Math.min(n, v + BLOCK); v < end; v++) {
                order[k++] = v;
            }
        }
        return order;
    }

    private static void shuffle(int[] a, int n, SplittableRandom rnd) {
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
