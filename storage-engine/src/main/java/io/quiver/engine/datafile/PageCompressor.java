package io.quiver.engine.datafile;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * Decides, per column of one data file, whether pages are worth compressing. The first pages are
 * always tried; if none of them saves enough, the column stays plain for the rest of the file
 * (typical for float vectors), so appends do not pay zstd on data that does not shrink.
 */
final class PageCompressor implements AutoCloseable {
    private static final int TRIAL_PAGES = 4;

    private final DataFileOptions options;
    private ZstdCompressCtx ctx;
    private byte[] out = new byte[0];
    private int tried;
    private int paid;

    PageCompressor(DataFileOptions options) {
        this.options = options;
    }

    /** Compresses {@code raw} if it pays; returns the compressed length, or -1 to store it plain. */
    int compress(byte[] raw, int length) {
        if (options.zstdLevel() == 0 || length < 64 || (tried >= TRIAL_PAGES && paid == 0)) {
            return -1;
        }
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(options.zstdLevel());
        }
        int bound = (int) Zstd.compressBound(length);
        if (out.length < bound) {
            out = new byte[bound];
        }
        int n = ctx.compressByteArray(out, 0, bound, raw, 0, length);
        tried++;
        if (n <= length * (1 - options.minCompressionSaving())) {
            paid++;
            return n;
        }
        return -1;
    }

    /** The bytes of the last successful {@link #compress}. */
    byte[] output() {
        return out;
    }

    @Override
    public void close() {
        if (ctx != null) {
            ctx.close();
            ctx = null;
        }
    }
}
