package io.quiver.trino.pushdown;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code column LIKE pattern}, with the pattern already in the engine's syntax ({@code \}
 * escapes), which {@link LikePatterns} translates from Trino's.
 */
public record LikeFilter(
        @JsonProperty("column") String column,
        @JsonProperty("pattern") String pattern) {
    @JsonCreator
    public LikeFilter {}
}
