package com.lexrule.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a test's own, on a port of its own, under {@code target/}: created by {@link #create},
 * stopped and started by the test, and removed by {@link #close}. It uses the server binaries of
 * {@code lexrule.it.pg.bin} (default /usr/lib/postgresql/15/bin); run as root, it runs them as the postgres user,
 * since PostgreSQL refuses to run as root. Trust authentication on 127.0.0.1 only.
 */
public final class OwnPostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asPostgresUser;

    private OwnPostgres(Path bin, Path data, Path log, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Whether the binaries are there to create a cluster with. */
    public static boolean available() {
        return Files.isExecutable(binaries().resolve("initdb")) && Files.isExecutable(binaries().resolve("pg_ctl"));
    }

    private static Path binaries() {
        return Path.of(System.getProperty("lexrule.it.pg.bin", "/usr/lib/postgresql/15/bin"));
    }

    public static OwnPostgres create(Path dir) throws Exception {
        PackagedService.deleteTree(dir);
        Files.createDirectories(dir);
        boolean root = "root".equals(System.getProperty("user.name"));
        OwnPostgres cluster = new OwnPostgres(binaries(), dir.resolve("data"), dir.resolve("postgres.log"),
                PackagedService.freePort(), root);
        if (root) cluster.run(List.of("chown", "-R", "postgres", dir.toString()), false);
        cluster.run(List.of(cluster.bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--no-sync"), true);
        cluster.start();
        return cluster;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void start() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''  -c fsync=off", "start"), true);
    }

    /** A fast shutdown: connections are cut at once, as when the database's host goes away. */
    public void stop() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"), true);
    }

    private void run(List<String> command, boolean asOwner) throws Exception {
        List<String> full = new ArrayList<>();
        if (asOwner && asPostgresUser) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + output);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } catch (IOException alreadyStopped) {
            // stopped by the test
        }
        PackagedService.deleteTree(data.getParent());
    }
}
