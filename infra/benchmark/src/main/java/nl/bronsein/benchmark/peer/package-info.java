/**
 * The peer of issue 21: the application a GP practice's supplier would build instead of running a Bronsein node — a
 * plain Spring Boot application that records the GP's referral and publishes that it did through Spring Modulith's
 * event publication registry (JDBC) with Kafka externalization. The benchmark ({@code --parts peer}) runs it on the
 * same kind of database and the same broker as the GP node and prints its figures beside Bronsein's.
 */
package nl.bronsein.benchmark.peer;
