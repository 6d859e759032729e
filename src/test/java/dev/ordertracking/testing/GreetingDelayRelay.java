package dev.ordertracking.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay to an SMTP server that holds back the server's first bytes (its greeting)
 * for a moment.
 *
 * <p>Why: the Vert.x mail client behind Quarkus Mailer (vertx-mail-client 4.5) installs its socket
 * reader only after the connection has passed through its pool, possibly on another event loop; a
 * greeting that arrives before that is dropped and the send waits until the mailer's timeout. A
 * server on loopback that greets at once wins that race now and then (a remote one rarely does),
 * which would make tests fail at random.
 */
public final class GreetingDelayRelay implements AutoCloseable {

    /** Long enough for the client to be listening, short enough not to slow tests. */
    public static final Duration GREETING_DELAY = Duration.ofMillis(50);

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private volatile ServerSocket server;
    /** Connections accepted while the greeting is withheld, held open and silent. */
    private final Set<Socket> silent = ConcurrentHashMap.newKeySet();
    private volatile boolean withholdingGreeting;
    /** Both ends of every connection being relayed. */
    private final Set<Socket> relayed = ConcurrentHashMap.newKeySet();

    public GreetingDelayRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the relay", e);
        }
        this.port = server.getLocalPort();
        ServerSocket listening = server;
        daemon("smtp-relay", () -> acceptLoop(listening)).start();
    }

    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    public int port() {
        return port;
    }

    /**
     * Stops listening and drops the connections it relays: connections to the relay's port are refused,
     * as by a mail server that is down.
     */
    public synchronized void refuseConnections() {
        close();
        relayed.forEach(GreetingDelayRelay::closeQuietly);
        relayed.clear();
    }

    /**
     * Accepts connections and then says nothing, as a mail server that hangs before its greeting:
     * each send waits until the mailer's own timeout ends it.
     */
    public void withholdGreeting() {
        withholdingGreeting = true;
    }

    /** Greets on new connections again; the ones held silent are closed, as by a server giving up on them. */
    public void greetAgain() {
        withholdingGreeting = false;
        silent.forEach(GreetingDelayRelay::closeQuietly);
        silent.clear();
    }

    /** Listens on the same port again. */
    public synchronized void acceptConnections() {
        if (!server.isClosed()) {
            return;
        }
        try {
            ServerSocket reopened = new ServerSocket();
            reopened.setReuseAddress(true);
            reopened.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = reopened;
            daemon("smtp-relay", () -> acceptLoop(reopened)).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port + " again", e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (withholdingGreeting) {
                silent.add(client);
                continue;
            }
            try {
                Socket target = new Socket(targetHost, targetPort);
                relayed.add(client);
                relayed.add(target);
                daemon("smtp-relay-up", () -> pipe(client, target, Duration.ZERO)).start();
                daemon("smtp-relay-down", () -> pipe(target, client, GREETING_DELAY)).start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to, Duration delayFirstBytes) {
        try {
            Thread.sleep(delayFirstBytes.toMillis());
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException ignored) {
            // one side went away; the finally closes the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            relayed.remove(from);
            relayed.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
