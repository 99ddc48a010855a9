package nl.bronsein.devpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NodeCertificateRequestTest {

    @Test
    void ofGivesLocalhostAndLoopback() {
        NodeCertificateRequest request = NodeCertificateRequest.of("Gemeente Testdam", "00000001234567890000");

        assertThat(request.dnsNames()).containsExactly("localhost");
        assertThat(request.ipAddresses()).containsExactly("127.0.0.1");
        assertThat(request.notBefore()).isBefore(Instant.now());
        assertThat(request.notAfter()).isAfter(Instant.now().plusSeconds(729L * 24 * 3600));
    }

    @Test
    void listsAreCopiedAndImmutable() {
        List<String> names = new ArrayList<>(List.of("a.test"));
        NodeCertificateRequest request = NodeCertificateRequest.of("X", "1").withDnsNames(names);
        names.add("b.test");

        assertThat(request.dnsNames()).containsExactly("a.test");
        assertThatThrownBy(() -> request.dnsNames().add("c.test")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsWhatCannotBecomeAValidCertificate() {
        NodeCertificateRequest ok = NodeCertificateRequest.of("X", "12345678");
        assertThatThrownBy(() -> NodeCertificateRequest.of(" ", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCertificateRequest.of("X", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCertificateRequest.of("X", "12_34")).hasMessageContaining("PrintableString");
        assertThatThrownBy(() -> ok.withIpAddresses(List.of("localhost"))).hasMessageContaining("IP address");
        assertThatThrownBy(() -> ok.withValidity(ok.notAfter(), ok.notBefore())).hasMessageContaining("must be after");
        assertThatThrownBy(() -> NodeCertificateRequest.of(null, "1")).isInstanceOf(NullPointerException.class);
    }
}
