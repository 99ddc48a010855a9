package nl.bronsein.runtime.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import nl.bronsein.runtime.config.InvalidNodeConfigurationException;

/**
 * The port on which the participant's own systems (HIS, case system, planning) reach this node's API
 * ({@code /api/**}). It is separate from the network port ({@code server.port}, mutual TLS, {@code /network/**}), so
 * the network never reaches the staff API and staff systems never need a network certificate.
 *
 * @param port    the staff API port; default 8080 (the GP node's), the municipality node ships 9080 and the provider
 *                node 7080; 0 picks a free port
 * @param address bind address; default loopback, because until staff access control is configured only the local
 *                systems should reach it
 * @param maxRequestSize the largest request body the staff API reads; default 256KB, ten times the largest valid
 *                referral written with every character escaped, so a client cannot make the node buffer megabytes
 */
@Validated
@ConfigurationProperties("bronsein.staff-api")
record StaffApiProperties(
        @PositiveOrZero(message = "must be a port number (0 picks a free one)")
        @Max(value = 65535, message = "must be a port number, at most 65535") Integer port,
        @NotBlank(message = "must be a bind address, e.g. 127.0.0.1 or 0.0.0.0") String address,
        DataSize maxRequestSize) {

    public StaffApiProperties {
        port = port == null ? 8080 : port;
        address = address == null ? "127.0.0.1" : address;
        maxRequestSize = maxRequestSize == null ? DataSize.ofKilobytes(256) : maxRequestSize;
        if (maxRequestSize.toBytes() < 1) {
            throw new InvalidNodeConfigurationException("bronsein.staff-api.max-request-size", maxRequestSize.toString(),
                    "is refused: the staff API must be able to read a request body",
                    "Set a size such as 256KB, or leave it out for that default.");
        }
    }
}
