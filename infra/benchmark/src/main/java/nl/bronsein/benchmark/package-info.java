/**
 * The benchmark command: real nodes, each in an OS process of its own (or all in one JVM with {@code --one-jvm}), a real
 * broker, H2 and PostgreSQL one after the other, and the figures of issues 7 and 21 (throughput against plain JDBC and
 * against the Spring Modulith peer, commit-to-consumer latency, GP commit → case opened, a node's catch-up, start and
 * resident memory, its CPU under others' traffic, mutual-TLS pulls against plain HTTP, heap and outbox size). See
 * docs/benchmark.md.
 */
package nl.bronsein.benchmark;
