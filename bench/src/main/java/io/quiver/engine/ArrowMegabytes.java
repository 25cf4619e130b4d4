package io.quiver.engine;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Megabytes of Arrow data that a benchmark read or wrote: every buffer of every column
 * ({@code arrowMB}), and of the embedding column alone ({@code embeddingMB}). JMH reports these
 * counters like operations, so in throughput mode their "ops/s" are MB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ArrowMegabytes {
    public double arrowMB;
    public double embeddingMB;

    @Setup(Level.Iteration)
    public void reset() {
        arrowMB = 0;
        embeddingMB = 0;
    }

    void add(long arrowBytes, long embeddingBytes) {
        arrowMB += arrowBytes / 1e6;
        embeddingMB += embeddingBytes / 1e6;
    }

    void add(VectorSchemaRoot batch) {
        add(SampleRows.arrowBytes(batch), batch.getVector("embedding").getBufferSize());
    }
}
