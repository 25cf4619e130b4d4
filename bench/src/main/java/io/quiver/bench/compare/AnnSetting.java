package io.quiver.bench.compare;

/**
 * One point of a recall/throughput curve: a system's index ({@code series}, e.g. "Lance
 * IVF_PQ refine 10") searched with one setting. Zero means "not set": {@code ef} for HNSW
 * graphs, {@code nprobes} for IVF partitions, {@code refine} for re-ranking on full vectors.
 */
record AnnSetting(String system, String series, int ef, int nprobes, int refine) {
    String label() {
        StringBuilder b = new StringBuilder();
        if (ef > 0) {
            b.append("ef=").append(ef);
        }
        if (nprobes > 0) {
            b.append(b.isEmpty() ? "" : " ").append("nprobes=").append(nprobes);
        }
        if (refine > 0) {
            b.append(" refine=").append(refine);
        }
        return b.toString();
    }
}
