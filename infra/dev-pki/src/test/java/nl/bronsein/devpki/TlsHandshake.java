package nl.bronsein.devpki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * One real TLS connection over loopback: a server that requires a client certificate (setNeedClientAuth) and a
 * client that verifies the server's certificate including its SubjectAlternativeName (endpoint identification
 * HTTPS against 127.0.0.1). After the handshake the server sends the client's subject serialNumber back.
 */
final class TlsHandshake {

    private static final int TIMEOUT_MILLIS = 10_000;

    /** What each side saw. */
    record Outcome(boolean serverHandshakeCompleted, String clientSerialSeenByServer, Exception serverFailure,
                   String lineReceivedByClient, Exception clientFailure) {

        boolean succeeded() {
            return serverHandshakeCompleted && lineReceivedByClient != null;
        }
    }

    private TlsHandshake() {
    }

    static Outcome connect(SSLContext server, SSLContext client, String protocol) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket serverSocket = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            serverSocket.setNeedClientAuth(true);
            serverSocket.setEnabledProtocols(new String[] {protocol});
            serverSocket.setSoTimeout(TIMEOUT_MILLIS);
            Future<Object[]> serverSide = executor.submit(() -> serve(serverSocket));

            String line = null;
            Exception clientFailure = null;
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket("127.0.0.1", serverSocket.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.setEnabledProtocols(new String[] {protocol});
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                line = reader.readLine();
            } catch (IOException e) {
                clientFailure = e;
            }
            Object[] result = serverSide.get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
            return new Outcome((Boolean) result[0], (String) result[1], (Exception) result[2], line, clientFailure);
        } finally {
            executor.shutdownNow();
        }
    }

    private static Object[] serve(SSLServerSocket serverSocket) {
        try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            try {
                socket.startHandshake();
                X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                String serial = CertificateSubjects.serialNumber(peer).orElse("(none)");
                OutputStream out = socket.getOutputStream();
                out.write(("hello " + serial + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return new Object[] {true, serial, null};
            } catch (IOException e) {
                return new Object[] {false, null, e};
            }
        } catch (IOException e) {
            return new Object[] {false, null, e};
        }
    }
}
