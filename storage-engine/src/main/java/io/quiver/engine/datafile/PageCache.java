package io.quiver.engine.datafile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps recently decompressed pages, up to a byte budget, least recently used out first. Only
 * compressed pages are kept: a plain page is read in place from the mapped file (the operating
 * system caches it), while a compressed one costs a decompression on every read. Pages enter
 * the cache after their checksum and layout checks, so a hit is as trustworthy as a read.
 */
public final class PageCache {
    private record Key(Object file, int fieldId, int page) {}

    private final long capacityBytes;
    private final LinkedHashMap<Key, Page> pages = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    public PageCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("page cache capacity must not be negative, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** A cache that keeps nothing. */
    public static PageCache disabled() {
        return new PageCache(0);
    }

    synchronized Page get(Object file, int fieldId, int page) {
        return capacityBytes == 0 ? null : pages.get(new Key(file, fieldId, page));
    }

    synchronized void put(Object file, int fieldId, int page, Page decoded) {
        long size = decoded.raw.byteSize();
        if (size > capacityBytes / 4) {
            return; // one huge page must not flush everything else
        }
        if (pages.put(new Key(file, fieldId, page), decoded) == null) {
            bytes += size;
        }
        var it = pages.entrySet().iterator();
        while (bytes > capacityBytes && it.hasNext()) {
            Map.Entry<Key, Page> eldest = it.next();
            bytes -= eldest.getValue().raw.byteSize();
            it.remove();
        }
    }

    /** Drops every page of a file (when the file is closed). */
    synchronized void evict(Object file) {
        var it = pages.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Page> e = it.next();
            if (e.getKey().file == file) {
                bytes -= e.getValue().raw.byteSize();
                it.remove();
            }
        }
    }

    public synchronized long sizeBytes() {
        return bytes;
    }
}
