#!/usr/bin/env python3
"""Peers for `learnergraph bench analytics --peers`: igraph and NetworKit on the same edge list.

Usage: peers.py EDGES NODES RUNS SOURCES [PEERS [ALGORITHMS]]. PEERS is a comma-separated subset
of igraph,networkit (default both); ALGORITHMS a comma-separated subset of pagerank, wcc,
louvain, leiden, label-prop, betweenness (default all), as the bench's --only. Prints one line per (peer, algorithm) with the median
seconds of RUNS runs, in the same table format as the Java side. Install the peers offline with
  pip install --index-url file:///opt/pypi/simple igraph networkit
(or from PyPI where reachable). A missing peer is reported and skipped.
"""
import statistics
import sys
import time


def timed(runs, fn):
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


WANTED = None  # algorithms to run; None runs all


def wanted(name):
    algorithm = name.split(" ")[1].replace("-20", "")
    return WANTED is None or algorithm in WANTED


def run(runs, name, fn):
    if wanted(name):
        report(name, *timed(runs, fn))


def report(name, seconds, result):
    print(f"{name:<26} {seconds:10.3f} {'':>13} {result}", flush=True)


def run_igraph(path, n, runs, sources):
    import igraph as ig
    edges = [tuple(map(int, line.split())) for line in open(path)]
    g = ig.Graph(n=n, edges=edges, directed=False)
    run(runs, "igraph pagerank-20", lambda: (g.pagerank(implementation="prpack"), "prpack (exact solve)")[1])
    run(runs, "igraph wcc", lambda: f"components {len(g.connected_components())}")
    run(runs, "igraph louvain", lambda: f"modularity {g.community_multilevel().modularity:.4f}")
    run(runs, "igraph leiden", lambda: f"modularity {g.community_leiden(objective_function='modularity', n_iterations=2).modularity:.4f}")
    run(runs, "igraph label-prop", lambda: f"modularity {g.community_label_propagation().modularity:.4f}")
    import random
    random.seed(42)
    srcs = random.sample(range(n), min(sources, n))
    run(runs, "igraph betweenness", lambda: (g.betweenness(sources=srcs) if hasattr(g, 'betweenness') else None, f"sources {len(srcs)}")[1])


def run_networkit(path, n, runs, sources):
    import networkit as nk
    nk.setNumberOfThreads(2)
    # node ids are 0..n-1 and continuous; the C++ reader is much faster than a Python loop
    g = nk.graphio.EdgeListReader(" ", 0, directed=False, continuous=True).read(path)
    if g.numberOfNodes() < n:
        g.addNodes(n - g.numberOfNodes())

    def pr():
        p = nk.centrality.PageRank(g, damp=0.85, tol=1e-300)
        p.maxIterations = 20
        p.run()
        return "20 iterations"

    def louvain():
        c = nk.community.PLM(g, refine=False).run().getPartition()
        return f"modularity {nk.community.Modularity().getQuality(c, g):.4f}"

    def leiden():
        c = nk.community.ParallelLeiden(g).run().getPartition()
        return f"modularity {nk.community.Modularity().getQuality(c, g):.4f}"

    def lpa():
        c = nk.community.PLP(g).run().getPartition()
        return f"modularity {nk.community.Modularity().getQuality(c, g):.4f}"

    def bc():
        nk.centrality.EstimateBetweenness(g, sources, False, True).run()
        return f"sources {sources}"

    run(runs, "networkit pagerank-20", pr)
    run(runs, "networkit wcc", lambda: f"components {nk.components.ConnectedComponents(g).run().numberOfComponents()}")
    run(runs, "networkit louvain (PLM)", louvain)
    run(runs, "networkit leiden", leiden)
    run(runs, "networkit label-prop", lpa)
    run(runs, "networkit betweenness", bc)


if __name__ == "__main__":
    path, n, runs, sources = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    peers = set((sys.argv[5] if len(sys.argv) > 5 else "igraph,networkit").split(","))
    if len(sys.argv) > 6:
        WANTED = set(sys.argv[6].split(","))
    for name, fn in (("igraph", run_igraph), ("networkit", run_networkit)):
        if name not in peers:
            continue
        try:
            fn(path, n, runs, sources)
        except ImportError as e:
            print(f"{name}: not installed ({e}); skipped", flush=True)
