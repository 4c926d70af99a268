package com.lexrule.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A case system's subscription. Families and event types are kept as comma-separated lists; empty families: every one. */
@Entity
@Table(name = "event_subscription")
public class EventSubscription extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String families;
    @Column(name = "event_types")
    public String eventTypes;
    public String transport;
    public String target;
    public String secret;
    public boolean active;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;

    List<String> familyList() {
        return split(families);
    }

    List<String> typeList() {
        return split(eventTypes);
    }

    boolean matches(OutboxEvent event) {
        return active && typeList().contains(event.type) && (families.isEmpty() || familyList().contains(event.family));
    }

    static String join(List<String> values) {
        return String.join(",", values);
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
