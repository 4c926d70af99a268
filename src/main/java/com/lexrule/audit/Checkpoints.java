package com.lexrule.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Signed checkpoints of every chain head, written every {@code lexrule.audit.checkpoint-interval} and on demand.
 * Each is stored in audit_checkpoint and exported as a file to {@code lexrule.audit.checkpoint-dir}, a place the
 * database cannot rewrite (in production a volume of its own, or a bucket with object lock). A checkpoint fixes how
 * long every chain was: records it covers cannot be cut off, rewound or recomputed without its signature failing
 * or its heads no longer matching.
 */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);
    static final String SUFFIX = ".checkpoint";

    private final AuditKeys keys;
    private final Path directory;

    public Checkpoints(AuditKeys keys, @ConfigProperty(name = "lexrule.audit.checkpoint-dir") Path directory) {
        this.keys = keys;
        this.directory = directory;
    }

    @Scheduled(every = "${lexrule.audit.checkpoint-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Checkpoint checkpoint = write();
        LOG.debugf("Audit checkpoint %s written (%d chains)", checkpoint.id(), checkpoint.heads().size());
    }

    /** Signs the heads as committed now, stores the checkpoint and exports it. */
    @Transactional
    public Checkpoint write() {
        List<Checkpoint.Head> heads = AuditChainHead.<AuditChainHead>listAll().stream()
                .map(h -> new Checkpoint.Head(h.name, h.lastSeq, h.lastHash, h.lastMac)).toList();
        Checkpoint checkpoint = Checkpoint.create(UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                keys.publicKeySha256(), heads, keys);
        AuditCheckpoint row = new AuditCheckpoint();
        row.id = checkpoint.id();
        row.createdAt = checkpoint.createdAt();
        row.body = checkpoint.body();
        row.signature = checkpoint.signature();
        row.keySha256 = checkpoint.keySha256();
        row.persist();
        export(checkpoint);
        return checkpoint;
    }

    /** Checkpoints stored in the database, newest first; all of them when {@code limit} is 0. */
    @Transactional
    public List<Checkpoint> stored(int limit) {
        var query = AuditCheckpoint.<AuditCheckpoint>find("order by createdAt desc, id desc");
        List<AuditCheckpoint> rows = limit > 0 ? query.range(0, limit - 1).list() : query.list();
        List<Checkpoint> result = new ArrayList<>();
        for (AuditCheckpoint row : rows) {
            result.add(Checkpoint.parse(row.body, row.signature));
        }
        return result;
    }

    /** The exported checkpoint files, newest first; all of them when {@code limit} is 0. Unreadable files throw. */
    public List<Exported> exported(int limit) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint directory " + directory + " could not be read", e);
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        List<Exported> result = new ArrayList<>();
        for (Path file : limit > 0 ? files.subList(0, Math.min(limit, files.size())) : files) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("checkpoint " + file + " could not be read", e);
            }
            Checkpoint parsed;
            try {
                parsed = Checkpoint.parseFile(content);
            } catch (RuntimeException e) {
                parsed = null;
            }
            result.add(new Exported(file.getFileName().toString(), parsed));
        }
        return result;
    }

    /** A file of the checkpoint directory and what it holds (null when it is not a readable checkpoint). */
    public record Exported(String file, Checkpoint checkpoint) {
    }

    public boolean signedByUs(Checkpoint checkpoint) {
        return keys.publicKeySha256().equals(checkpoint.keySha256())
                && keys.verify(checkpoint.body().getBytes(StandardCharsets.UTF_8), checkpoint.signature());
    }

    private void export(Checkpoint checkpoint) {
        // Sortable by time: newest last in a listing, and a name never reused.
        String name = String.format("%013d-%s%s", checkpoint.createdAt().toEpochMilli(), checkpoint.id(), SUFFIX);
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".writing-", ".tmp");
            Files.writeString(temporary, checkpoint.fileContent(), StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Without its export a checkpoint is one the database could hide: fail, and roll the row back with it.
            throw new UncheckedIOException("audit checkpoint could not be exported to " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }
}
