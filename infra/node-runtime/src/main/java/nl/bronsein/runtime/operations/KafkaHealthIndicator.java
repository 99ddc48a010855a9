package nl.bronsein.runtime.operations;

import nl.bronsein.runtime.kafka.KafkaClientLog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The broker as health ({@code kafka}): {@code UP} when it describes its cluster within
 * {@code bronsein.operations.broker-timeout}, {@code DOWN} when not. A result is reused for
 * {@code bronsein.operations.broker-health-cache}, so frequent health checks do not each wait on an absent broker.
 */
class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private final Duration timeout;
    private final Duration cacheFor;
    private Admin admin;
    private Health last;
    private long lastAt;

    public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout, Duration cacheFor) {
        this.kafkaAdmin = kafkaAdmin;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
    }

    @Override
    public synchronized Health health() {
        // elapsed time, not the node's clock: a test clock that stands still must not freeze the result
        if (last == null || System.nanoTime() - lastAt >= cacheFor.toNanos()) {
            last = check();
            lastAt = System.nanoTime();
        }
        return last;
    }

    private Health check() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName()).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            int millis = (int) timeout.toMillis();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
            config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "bronsein-health");
            admin = Admin.create(config);
            KafkaClientLog.created("health admin client", config.get(AdminClientConfig.CLIENT_ID_CONFIG), config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
