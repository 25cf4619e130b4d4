package io.quiver.sql.parser;

import java.util.HexFormat;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Binary string literals ({@code X'89504E47'}) as the parser makes them. Calcite's own way
 * ({@code BitString.createFromHexString}) reads the hex digits as one big number, which takes time
 * quadratic in the literal's length: half a minute for a 256 KiB literal. Decoding the bytes
 * directly is linear. The build points the grammar here (sql-bridge/pom.xml).
 */
public final class BinaryLiterals {
    private BinaryLiterals() {}

    /** The literal of the hex digits {@code hex}; an odd count of digits is a bit string, as Calcite reads it. */
    public static SqlLiteral fromHex(String hex, SqlParserPos pos) {
        if (hex.length() % 2 != 0) {
            return SqlLiteral.createBinaryString(hex, pos);
        }
        try {
            return SqlLiteral.createBinaryString(HexFormat.of().parseHex(hex), pos);
        } catch (IllegalArgumentException e) {
            throw new NumberFormatException(e.getMessage());
        }
    }
}
