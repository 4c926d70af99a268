package com.lexrule.policy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.lexrule.policy.table.PolicyProblem;

/**
 * The immutable content of one policy version: its files and its manifest, and a SHA-256 over both that a
 * caller can quote to prove which rules decided its case.
 */
public final class PolicyBundle {

    static final ObjectMapper MANIFEST_MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final String family;
    private final Map<String, PolicyFile> files;
    private final PolicyManifest manifest;
    private final String sha256;

    public PolicyBundle(String family, Collection<PolicyFile> files) {
        this.family = family;
        this.files = files.stream().collect(Collectors.toMap(PolicyFile::name, Function.identity(),
                (a, b) -> { throw new IllegalArgumentException("duplicate policy file " + a.name()); }, TreeMap::new));
        PolicyFile manifestFile = this.files.get(PolicyFile.MANIFEST);
        if (manifestFile == null) {
            throw new PolicyCompilationException(family, List.of(PolicyProblem.ofFile(PolicyFile.MANIFEST,
                    "政策清单文件缺失 (policy manifest missing)")));
        }
        try {
            this.manifest = MANIFEST_MAPPER.readValue(manifestFile.content(), PolicyManifest.class);
        } catch (java.io.IOException e) {
            throw new PolicyCompilationException(family, List.of(PolicyProblem.ofFile(PolicyFile.MANIFEST,
                    "政策清单不是有效的 JSON: " + e.getMessage())));
        }
        if (!family.equals(manifest.family()) || manifest.effectiveFrom() == null) {
            throw new PolicyCompilationException(family, List.of(PolicyProblem.ofFile(PolicyFile.MANIFEST,
                    "政策清单须写明 family=" + family + " 与 effectiveFrom 生效日期")));
        }
        this.sha256 = digest(this.files.values());
    }

    public String family() { return family; }
    public PolicyManifest manifest() { return manifest; }
    public String sha256() { return sha256; }
    public Collection<PolicyFile> files() { return files.values(); }

    public Optional<PolicyFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    public List<PolicyFile> scenarios() {
        return files.values().stream().filter(PolicyFile::isScenario).toList();
    }

    /**
     * A SHA-256 of what a compile reads: every file but the manifest, and of the manifest the family, the catalog
     * and the legal sources. Two bundles that differ only in the rest of the manifest (effective date, change note,
     * the approval or rollback it records) compile to the same knowledge base, so one compile serves both.
     */
    public String compileSha256() {
        List<PolicyFile> read = new java.util.ArrayList<>(files.values().stream().filter(f -> !f.name().equals(PolicyFile.MANIFEST)).toList());
        try {
            read.add(new PolicyFile(PolicyFile.MANIFEST, MANIFEST_MAPPER.writeValueAsBytes(java.util.Arrays.asList(
                    manifest.family(), manifest.catalog(), manifest.legalSources()))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return digest(read);
    }

    /** Name and length precede each file's bytes so that no two different bundles hash alike. */
    static String digest(Collection<PolicyFile> sortedFiles) {
        MessageDigest sha = DigestUtils.getSha256Digest();
        for (PolicyFile file : sortedFiles) {
            DigestUtils.updateDigest(sha, file.name());
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(file.content().length).array());
            sha.update(file.content());
        }
        return Hex.encodeHexString(sha.digest());
    }
}
