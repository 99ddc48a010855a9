/**
 * The benchmark command: real nodes, a real broker, H2 and PostgreSQL one after the other, and the figures of issue 7
 * (throughput against plain JDBC, commit-to-consumer latency, mutual-TLS pulls against plain HTTP, heap and outbox
 * size after a million changes). See docs/benchmark.md.
 */
package nl.bronsein.benchmark;
