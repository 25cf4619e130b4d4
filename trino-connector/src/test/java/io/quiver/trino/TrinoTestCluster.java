package io.quiver.trino;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Trino cluster per test class, over the class's own warehouse folder: the class writes its
 * tables into {@link #dir} in its {@code @BeforeAll}, then calls {@link #startTrino}.
 */
abstract class TrinoTestCluster {
    @TempDir
    static Path dir;

    static QuiverTrino trino;

    static void startTrino() throws Exception {
        trino = new QuiverTrino(dir);
    }

    @AfterAll
    static void stopTrino() {
        if (trino != null) {
            trino.close();
            trino = null;
        }
    }
}
