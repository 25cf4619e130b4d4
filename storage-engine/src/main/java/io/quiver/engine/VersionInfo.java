package io.quiver.engine;

import java.time.Instant;

/** One committed version: when, what, and how many rows it holds. */
public record VersionInfo(long version, Instant committedAt, String operation, String summary, long rows) {}
