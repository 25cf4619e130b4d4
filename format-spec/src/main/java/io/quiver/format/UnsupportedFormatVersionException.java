package io.quiver.format;

import java.io.IOException;

/** A file was written in a format version this build cannot read (too old or too new). */
public class UnsupportedFormatVersionException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int version;
    private final boolean tooNew;

    public UnsupportedFormatVersionException(String file, int version, int minSupported, int maxSupported) {
        super(file
                + ": format version "
                + version
                + " is too "
                + (version > maxSupported ? "new" : "old")
                + " (this build reads "
                + minSupported
                + " to "
                + maxSupported
                + ")");
        this.version = version;
        this.tooNew = version > maxSupported;
    }

    public int version() {
        return version;
    }

    public boolean tooNew() {
        return tooNew;
    }
}
