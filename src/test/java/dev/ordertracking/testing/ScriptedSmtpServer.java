package dev.ordertracking.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP server for failure tests: it refuses a recipient whose address starts with a
 * reply code ({@code 451-...@x} gets {@code 451}, {@code 550-...@x} gets {@code 550}) and accepts
 * everything else. The command {@code XSHUTDOWN} (see {@link #shutDown}) stops it from outside, as
 * tests and the application may hold different copies of this class.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final java.util.Set<Socket> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-smtp");
        t.setDaemon(true);
        return t;
    });

    public ScriptedSmtpServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor.submit(this::accept);
    }

    /** Tells the server listening on this port to stop. */
    public static void shutDown(int port) {
        try (Socket control = new Socket(InetAddress.getLoopbackAddress(), port)) {
            control.getOutputStream().write("XSHUTDOWN\r\n".getBytes(StandardCharsets.US_ASCII));
            control.getOutputStream().flush();
            control.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                executor.submit(() -> converse(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        reply(out, "250 2.0.0 queued");
                    }
                    continue;
                }
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1);
                    if (address.matches("^[45]\\d\\d-.*")) {
                        String code = address.substring(0, 3);
                        reply(out, code + " " + code.charAt(0) + ".0.0 scripted refusal of " + address.replace(">", ""));
                    } else {
                        reply(out, "250 2.1.5 ok");
                    }
                } else if (command.startsWith("DATA")) {
                    data = true;
                    reply(out, "354 go ahead");
                } else if (command.startsWith("XSHUTDOWN")) {
                    // Test control: from now on the port refuses connections.
                    reply(out, "221 shutting down");
                    close();
                    return;
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Stops listening and drops open connections, so pooled clients find the server gone. */
    @Override
    public void close() {
        try {
            socket.close();
            for (Socket client : clients) {
                client.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        executor.shutdownNow();
    }
}
