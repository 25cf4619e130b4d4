package io.quiver.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * A child JVM of {@link SqlModifyConcurrencyTest}: connects to the warehouse through the JDBC
 * driver, says it is ready, waits for the start, then runs {@code UPDATE c SET n = n + 1 WHERE id
 * = ?} K times, on ids 1 and 2 in turn. Exits 0 when every statement changed its one row.
 *
 * <p>Arguments: warehouse folder, K, the file to create when ready, the file whose creation starts it.
 */
public final class IncrementingProcess {
    private IncrementingProcess() {}

    public static void main(String[] args) throws Exception {
        Path warehouse = Path.of(args[0]);
        int statements = Integer.parseInt(args[1]);
        try (Connection connection = DriverManager.getConnection("jdbc:quiver:" + warehouse);
                PreparedStatement update = connection.prepareStatement("UPDATE c SET n = n + 1 WHERE id = ?")) {
            Files.createFile(Path.of(args[2]));
            Path start = Path.of(args[3]);
            while (!Files.exists(start)) {
                Thread.sleep(5);
            }
            for (int i = 0; i < statements; i++) {
                update.setLong(1, 1 + i % 2);
                int changed = update.executeUpdate();
                if (changed != 1) {
                    System.err.println("statement " + i + " changed " + changed + " rows");
                    System.exit(2);
                }
            }
        }
    }
}
