package io.quiver.engine;

/** What a cleanup removed. */
public record CleanupResult(int versionsRemoved, int filesRemoved, long bytesRemoved) {}
