package io.quiver.format;

import java.io.IOException;

/** Bytes read from a Quiver file are not what was written: the file is damaged or not ours. */
public class CorruptFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;

    public CorruptFileException(String file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public CorruptFileException(String file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The file that failed its checks. */
    public String file() {
        return file;
    }
}
