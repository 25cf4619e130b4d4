package io.quiver.vector;

/**
 * A search hit: {@code id} is an index ordinal or, in the engine, a row address; {@code rank} is
 * the metric's rank distance ({@link VectorMetric#reported} turns it into the distance shown).
 */
public record Neighbor(long id, float rank) {}
