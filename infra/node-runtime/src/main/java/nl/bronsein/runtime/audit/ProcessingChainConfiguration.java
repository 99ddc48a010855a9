package nl.bronsein.runtime.audit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tamper evidence for the processing log: a sealer that hash-chains the records after they commit, and the
 * verification of that chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessingChainProperties.class)
public class ProcessingChainConfiguration {

    @Bean
    ChainSealer chainSealer(JdbcClient jdbc, PlatformTransactionManager transactions,
                            ProcessingChainProperties properties) {
        return new ChainSealer(jdbc, new TransactionTemplate(transactions), properties.sealInterval(),
                properties.batchSize());
    }

    @Bean
    ProcessingChain processingChain(JdbcClient jdbc) {
        return new ProcessingChain(jdbc);
    }
}
