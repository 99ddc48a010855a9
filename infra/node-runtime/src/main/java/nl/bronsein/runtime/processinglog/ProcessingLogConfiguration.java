package nl.bronsein.runtime.processinglog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.audit.ProcessingRecords;

/** The privacy officer's reading of the processing log, on the staff API of every node. */
@Configuration(proxyBeanMethods = false)
@Import(ProcessingLogController.class)
public class ProcessingLogConfiguration {

    @Bean
    ProcessingRecords processingRecords(JdbcClient jdbc) {
        return new ProcessingRecords(jdbc);
    }
}
