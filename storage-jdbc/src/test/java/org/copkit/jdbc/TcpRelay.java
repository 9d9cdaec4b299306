package org.copkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A database server that can go away and come back, as far as its clients can tell: a TCP relay on a
 * local port to the real server. {@link #stop()} closes the port and every relayed connection (the clients'
 * connections break, as when the server restarts or the network drops); {@link #start()} opens the same
 * port again. The real server is not touched.
 */
final class TcpRelay implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private ServerSocket server;
    private int port;

    TcpRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** @return the local port (fixed once the relay first started) */
    synchronized int port() {
        return port;
    }

    /** Opens the port (the same port as before, after a {@link #stop()}) and relays what connects. */
    synchronized TcpRelay start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        port = s.getLocalPort();
        Thread accept = new Thread(() -> accept(s), "tcp-relay-accept-" + port);
        accept.setDaemon(true);
        accept.start();
        return this;
    }

    /** Closes the port and every relayed connection. */
    synchronized void stop() {
        closeQuietly(server);
        server = null;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                synchronized (this) {
                    if (server != s) {
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;   // stopped
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }
}
