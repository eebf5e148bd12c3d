// Repeats, duplicates and bursts found by the database, so every server process of a region-wide
// deployment sees the same messages: the keys triage found for each message (topic, settlement,
// street) with the indexes that read candidates and hourly counts, the suggestions waiting for a
// curator, cases closed as duplicates, the bursts raised, and each tenant's retrained topic model.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The suggested topic and the place as the tenant's gazetteer names it (the matcher already
    -- reads inflections and abbreviations, so equal names are equal places).
    alter table messages
      add column triage_topic text,
      add column triage_settlement text,
      add column triage_street text;
    -- Duplicates: other authors' messages on the same topic in the same street, then settlement,
    -- newest first within the last days; also the hourly counts of a burst's baseline.
    create index messages_topic_street on messages
      (tenant_id, triage_topic, triage_settlement, triage_street, detected_at desc)
      where triage_street is not null;
    create index messages_topic_settlement on messages
      (tenant_id, triage_topic, triage_settlement, detected_at desc)
      where triage_settlement is not null;
    -- Bursts: which topics and places got messages lately, across tenants.
    create index messages_recent_places on messages (detected_at)
      where triage_settlement is not null and triage_topic is not null;
    -- Repeats by the author's profile link, beside messages_author (network and the network's id).
    create index messages_author_url on messages (tenant_id, author_url, detected_at desc)
      where author_url is not null;

    -- The earlier case of the same author, or another author's case about the same problem and
    -- place, that triage found at registration: waiting for a curator's decision, null once decided.
    alter table cases
      add column suggested_repeat_of int references cases(id),
      add column suggested_duplicate_of int references cases(id);

    -- Curators' decisions on repeat and duplicate suggestions are kept like the others.
    alter table triage_corrections drop constraint triage_corrections_field_check;
    alter table triage_corrections add constraint triage_corrections_field_check
      check (field in ('topic', 'location', 'importance', 'notProcessable', 'repeat', 'duplicate'));

    -- A burst of messages on one topic in one place (003 п. 13 разд. 3, 004 п. 25 "повышенная
    -- социальная активность"): raised once, then its figures follow it while it lasts.
    create table bursts (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      topic text not null,
      settlement text not null,
      started_at timestamptz not null,
      window_hours int not null,
      message_count int not null,
      expected double precision not null,
      baseline_mean double precision not null,
      baseline_sd double precision not null,
      baseline_days int not null,
      p_value double precision not null,
      text text not null,
      raised_at timestamptz not null,
      last_seen_at timestamptz not null,
      notified jsonb not null default '[]',
      unique (tenant_id, topic, settlement, started_at)
    );
    create index bursts_tenant on bursts (tenant_id, raised_at desc);
    create index bursts_ongoing on bursts (tenant_id, topic, settlement, last_seen_at desc);

    -- The newest topic decision of a tenant: has its model learnt everything yet?
    create index triage_corrections_tenant_id on triage_corrections (tenant_id, field, id desc);

    -- A tenant's topic model: the shipped model retrained on its curators' topic decisions.
    create table tenant_topic_models (
      tenant_id int primary key references tenants(id),
      version int not null,
      base text not null,
      model jsonb not null,
      corrections int not null,
      last_correction_id bigint not null,
      trained_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists tenant_topic_models;
    drop index if exists triage_corrections_tenant_id;
    drop table if exists bursts;
    delete from triage_corrections where field in ('repeat', 'duplicate');
    alter table triage_corrections drop constraint triage_corrections_field_check;
    alter table triage_corrections add constraint triage_corrections_field_check
      check (field in ('topic', 'location', 'importance', 'notProcessable'));
    alter table cases drop column if exists suggested_duplicate_of,
      drop column if exists suggested_repeat_of;
    drop index if exists messages_author_url;
    drop index if exists messages_recent_places;
    drop index if exists messages_topic_settlement;
    drop index if exists messages_topic_street;
    alter table messages drop column if exists triage_street,
      drop column if exists triage_settlement, drop column if exists triage_topic;
  `.execute(db);
}
