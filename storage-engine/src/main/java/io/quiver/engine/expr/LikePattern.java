package io.quiver.engine.expr;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A compiled SQL LIKE pattern, with the literal prefix that statistics can prune on. */
final class LikePattern {
  final String pattern;
  /** The UTF-8 bytes every match starts with (before the first wildcard). */
  final byte[] prefix;
  /** True when the pattern is exactly {@code prefix%}: a byte-prefix test decides it. */
  final boolean prefixOnly;
  private final Pattern regex;

  LikePattern(String pattern) {
    this.pattern = pattern;
    StringBuilder regexText = new StringBuilder();
    StringBuilder literalPrefix = new StringBuilder();
    boolean inPrefix = true;
    boolean onlyTrailingPercent = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 == pattern.length()) {
          throw new IllegalArgumentException("LIKE pattern '" + pattern + "' ends with an escape character");
        }
        char next = pattern.charAt(++i);
        regexText.append(Pattern.quote(String.valueOf(next)));
        if (inPrefix) {
          literalPrefix.append(next);
        }
        onlyTrailingPercent = false;
      } else if (c == '%') {
        regexText.append(".*");
        onlyTrailingPercent = inPrefix && i == pattern.length() - 1;
        inPrefix = false;
      } else if (c == '_') {
        regexText.append('.');
        inPrefix = false;
        onlyTrailingPercent = false;
      } else {
        regexText.append(Pattern.quote(String.valueOf(c)));
        if (inPrefix) {
          literalPrefix.append(c);
        }
        onlyTrailingPercent = false;
      }
    }
    this.prefix = literalPrefix.toString().getBytes(StandardCharsets.UTF_8);
    this.prefixOnly = onlyTrailingPercent;
    this.regex = Pattern.compile(regexText.toString(), Pattern.DOTALL);
  }

  boolean matches(String value) {
    return regex.matcher(value).matches();
  }
}
