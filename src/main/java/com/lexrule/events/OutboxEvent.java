package com.lexrule.events;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event as written with its record; fanned out to the subscriptions it matches once. Never changed otherwise. */
@Entity
@Table(name = "event_outbox")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "event_type")
    public String type;
    public String family;
    public String subject;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "data_json")
    public String dataJson;
    @Column(name = "fanned_out")
    public boolean fannedOut;
}
