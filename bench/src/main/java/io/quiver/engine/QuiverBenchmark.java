package io.quiver.engine;

import org.openjdk.jmh.annotations.Fork;

/**
 * The JVM every benchmark runs in, inherited by each benchmark class: one fork, with the flags
 * every Quiver JVM needs (as in the root pom's {@code quiver.jvm.flags}). Heap and other flags are
 * JMH's and the JVM's defaults; {@code -jvmArgsAppend} adds more.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "--add-modules=jdk.incubator.vector"
        })
public abstract class QuiverBenchmark {}
