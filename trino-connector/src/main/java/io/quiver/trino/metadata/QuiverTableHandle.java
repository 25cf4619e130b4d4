package io.quiver.trino.metadata;

import io.quiver.trino.pushdown.DistanceCall;
import io.quiver.trino.pushdown.LikeFilter;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.predicate.TupleDomain;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One table at one version, with what the engine does for Trino: the pushed filter (value
 * domains and LIKE patterns, all of which hold), a row limit per split, the distance a scan
 * computes, and a nearest-neighbour top-k by that distance. Every worker reads the version the
 * coordinator planned against, whatever was committed since.
 *
 * @param table the table's name in the warehouse
 * @param nearestK the k of a pushed top-k; present only with {@code distance}
 * @param nearestEf the top-k's search beam (0: the engine's default), fixed when the query was planned
 */
public record QuiverTableHandle(
        String table,
        long version,
        TupleDomain<QuiverColumnHandle> constraint,
        List<LikeFilter> likes,
        OptionalLong limit,
        Optional<DistanceCall> distance,
        OptionalInt nearestK,
        int nearestEf)
        implements ConnectorTableHandle {
    public QuiverTableHandle {
        likes = List.copyOf(likes);
        if (nearestK.isPresent() && distance.isEmpty()) {
            throw new IllegalArgumentException("a nearest-neighbour top-k needs a distance");
        }
    }

    public static QuiverTableHandle of(String table, long version) {
        return new QuiverTableHandle(
                table,
                version,
                TupleDomain.all(),
                List.of(),
                OptionalLong.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                0);
    }

    /** Whether the rows are cut (by a limit or a top-k), so that a filter can no longer move below. */
    public boolean rowsCut() {
        return limit.isPresent() || nearestK.isPresent();
    }

    public QuiverTableHandle withFilter(TupleDomain<QuiverColumnHandle> newConstraint, List<LikeFilter> newLikes) {
        return new QuiverTableHandle(table, version, newConstraint, newLikes, limit, distance, nearestK, nearestEf);
    }

    public QuiverTableHandle withLimit(long rows) {
        return new QuiverTableHandle(
                table, version, constraint, likes, OptionalLong.of(rows), distance, nearestK, nearestEf);
    }

    public QuiverTableHandle withDistance(DistanceCall call) {
        return new QuiverTableHandle(table, version, constraint, likes, limit, Optional.of(call), nearestK, nearestEf);
    }

    public QuiverTableHandle withNearest(int k, int ef) {
        return new QuiverTableHandle(table, version, constraint, likes, limit, distance, OptionalInt.of(k), ef);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(table).append('@').append(version);
        if (!constraint.isAll()) {
            s.append(" constraint on ")
                    .append(constraint
                            .getDomains()
                            .map(d -> d.keySet().stream()
                                    .map(QuiverColumnHandle::name)
                                    .sorted()
                                    .toList()
                                    .toString())
                            .orElse("[none]"));
        }
        likes.forEach(l -> s.append(" like ")
                .append(l.column())
                .append(" '")
                .append(l.pattern())
                .append('\''));
        limit.ifPresent(l -> s.append(" limit ").append(l));
        distance.ifPresent(d -> s.append(" distance ").append(d));
        nearestK.ifPresent(k -> s.append(" nearest k=").append(k));
        if (nearestK.isPresent() && nearestEf > 0) {
            s.append(" ef=").append(nearestEf);
        }
        return s.toString();
    }
}
