package nl.bronsein.localnetwork;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a node where a test is about the launcher, not the node: run with {@code java -jar} and the node's
 * arguments, it answers every request on its staff port ({@code --bronsein.staff-api.port}) with 200 until killed.
 * Starts in a fraction of a second, where a real node takes half a minute on a small machine. It stands in for the
 * identity provider too: given {@code --bronsein.idp.data-dir}, it answers on {@code --server.port} and writes a
 * credentials file with a secret for each client and no users.
 */
public final class FakeNode {

    private FakeNode() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = -1;
        int serverPort = -1;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--bronsein.staff-api.port=")) {
                port = Integer.parseInt(value);
            } else if (arg.startsWith("--server.port=")) {
                serverPort = Integer.parseInt(value);
            } else if (arg.startsWith("--bronsein.idp.data-dir=")) {
                Files.createDirectories(Path.of(value));
                Files.writeString(Path.of(value, "dev-credentials.json"), "{\"clients\": [{\"clientId\": \"gp\", "
                        + "\"clientSecret\": \"fake\"}, {\"clientId\": \"municipality\", \"clientSecret\": \"fake\"}, "
                        + "{\"clientId\": \"provider\", \"clientSecret\": \"fake\"}], \"users\": []}");
            }
        }
        port = port < 0 ? serverPort : port;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("fake node on " + port);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Writes an executable jar of this class, for {@code java -jar}, at {@code jar}. */
    static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeNode.class.getName());
        String entry = FakeNode.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             var in = FakeNode.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
