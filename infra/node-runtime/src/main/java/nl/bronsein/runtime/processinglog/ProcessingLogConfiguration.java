package nl.bronsein.runtime.processinglog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.ProcessingRecords;
import nl.bronsein.runtime.staff.StaffAudit;
import tools.jackson.databind.json.JsonMapper;

/** The privacy officer's reading of the processing log, on the staff API of every node. */
@Configuration(proxyBeanMethods = false)
@Import({ProcessingLogController.class, ProcessingLogScreens.class})
public class ProcessingLogConfiguration {

    @Bean
    ProcessingRecords processingRecords(JdbcClient jdbc) {
        return new ProcessingRecords(jdbc);
    }

    @Bean
    ProcessingLogReading processingLogReading(ProcessingRecords records, AuditTrail audit, StaffAudit staff,
                                              JsonMapper json) {
        return new ProcessingLogReading(records, audit, staff, json);
    }
}
