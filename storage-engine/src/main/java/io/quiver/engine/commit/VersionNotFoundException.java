package io.quiver.engine.commit;

import java.io.IOException;

/** The table has no version with the requested number (never committed, or removed by cleanup). */
public class VersionNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public VersionNotFoundException(String message) {
        super(message);
    }
}
