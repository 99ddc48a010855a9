package nl.bronsein.runtime.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The port on which the participant's own systems (HIS, case system, planning) reach this node's API
 * ({@code /api/**}). It is separate from the network port ({@code server.port}, mutual TLS, {@code /network/**}), so
 * the network never reaches the staff API and staff systems never need a network certificate.
 *
 * @param port    default 8080
 * @param address bind address; default loopback, because until staff access control is configured only the local
 *                systems should reach it
 */
@ConfigurationProperties("bronsein.staff-api")
public record StaffApiProperties(Integer port, String address) {

    public StaffApiProperties {
        port = port == null ? 8080 : port;
        address = address == null ? "127.0.0.1" : address;
    }
}
