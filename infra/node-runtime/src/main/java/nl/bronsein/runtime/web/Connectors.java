package nl.bronsein.runtime.web;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The node's two doors: the network connector (Spring Boot's own, {@code server.port} with {@code server.ssl.*} and
 * client-auth {@code need}) and the staff API connector added here. Requests are told apart by the connector they
 * came in on, not by anything the client sends.
 */
public class Connectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Connector staff;

    public Connectors(StaffApiProperties properties) {
        this.staff = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        staff.setPort(properties.port());
        staff.setProperty("address", properties.address());
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addAdditionalConnectors(staff);
    }

    public boolean isStaffRequest(HttpServletRequest request) {
        return request.getLocalPort() == staff.getLocalPort();
    }

    public int staffPort() {
        return staff.getLocalPort();
    }
}
