package io.quiver.trino.pushdown;

/**
 * {@code column LIKE pattern}, with the pattern already in the engine's syntax ({@code \}
 * escapes), which {@link LikePatterns} translates from Trino's.
 */
public record LikeFilter(String column, String pattern) {}
