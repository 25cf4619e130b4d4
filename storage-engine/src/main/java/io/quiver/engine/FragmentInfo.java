package io.quiver.engine;

/**
 * One fragment of a version: the unit a parallel reader hands to each worker (a Trino split
 * reads one), through {@link Scan#fragments}.
 *
 * @param id the fragment's id, the high half of its rows' addresses
 * @param physicalRows rows written to it, deleted ones included
 * @param liveRows rows a scan returns from it
 */
public record FragmentInfo(long id, long physicalRows, long liveRows) {}
