// The first schema of Otklik. Frozen: later changes go into new migrations.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tenants (
      id int generated always as identity primary key,
      slug text not null unique check (slug ~ '^[a-z][a-z0-9-]*$'),
      name text not null,
      preset text,
      regulation text not null,
      time_zone text not null,
      schedule jsonb not null,
      calendar_amendments jsonb not null default '[]',
      case_number_prefix text not null,
      rubricator jsonb not null,
      gazetteer jsonb not null default '{}',
      settings jsonb not null default '{}',
      created_at timestamptz not null default now()
    );

    -- Production-calendar years an admin loaded: for everyone (tenant_id null) or one tenant.
    create table calendar_years (
      id int generated always as identity primary key,
      tenant_id int references tenants(id),
      year int not null,
      data jsonb not null,
      loaded_by int,
      loaded_at timestamptz not null default now(),
      unique nulls not distinct (tenant_id, year)
    );

    create table departments (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      name text not null,
      kind text not null default 'structural' check (kind in ('structural', 'territorial', 'settlement', 'coordination')),
      parent_id int references departments(id),
      topics text[] not null default '{}',
      active boolean not null default true,
      unique (tenant_id, name)
    );

    create table users (
      id int generated always as identity primary key,
      login text not null unique,
      password_hash text not null,
      full_name text not null,
      email text,
      phone text,
      locale text not null default 'ru' check (locale in ('ru', 'en')),
      active boolean not null default true,
      created_at timestamptz not null default now()
    );

    create table memberships (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      user_id int not null references users(id),
      role text not null check (role in ('curator', 'executor', 'approver', 'supervisor', 'admin')),
      department_id int references departments(id),
      unique nulls not distinct (tenant_id, user_id, role, department_id),
      check (role <> 'executor' or department_id is not null)
    );
    create index memberships_user on memberships (user_id);
    create index memberships_department on memberships (tenant_id, department_id, role);

    create table absences (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      user_id int not null references users(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      reason text not null default 'other' check (reason in ('illness', 'vacation', 'trip', 'study', 'other')),
      substitute_id int references users(id),
      created_by int references users(id),
      created_at timestamptz not null default now()
    );
    create index absences_user on absences (tenant_id, user_id, ends_at);

    create table sessions (
      id text primary key,
      user_id int not null references users(id),
      tenant_id int not null references tenants(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      user_agent text,
      ip text
    );
    create index sessions_user on sessions (user_id);

    create table login_attempts (
      key text primary key,
      failures int not null default 0,
      window_started_at timestamptz not null default now(),
      locked_until timestamptz
    );

    create table network_accounts (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      network text not null,
      name text not null,
      external_id text,
      url text,
      department_id int references departments(id),
      active boolean not null default true,
      unique (tenant_id, network, name)
    );

    create table case_counters (
      tenant_id int not null references tenants(id),
      year int not null,
      last int not null,
      primary key (tenant_id, year)
    );

    create table cases (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      number text not null,
      procedure text not null,
      channel text not null,
      status text not null,
      importance text not null default 'normal',
      topic text,
      location jsonb,
      location_text text,
      summary text not null,
      department_id int references departments(id),
      executor_id int references users(id),
      co_executors jsonb not null default '[]',
      repeat_of int references cases(id),
      duplicate_of int references cases(id),
      additional_control boolean not null default false,
      not_processable text,
      escalated_at timestamptz,
      events jsonb not null default '{}',
      overrides jsonb not null default '{}',
      extensions_used int not null default 0,
      opened_at timestamptz not null,
      closed_at timestamptz,
      next_deadline timestamptz,
      risk text not null default 'none' check (risk in ('none', 'atRisk', 'overdue')),
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search tsvector generated always as (to_tsvector('russian', number || ' ' || summary)) stored,
      unique (tenant_id, number)
    );
    -- The queues: open cases of a tenant (or a department) by what is due next. Closed cases stay out
    -- of these indexes, so a page costs the same with ten thousand or ten million cases in history.
    create index cases_queue on cases (tenant_id, next_deadline, id) where closed_at is null;
    create index cases_department_queue on cases (tenant_id, department_id, next_deadline, id) where closed_at is null;
    create index cases_status on cases (tenant_id, status, next_deadline) where closed_at is null;
    create index cases_risk on cases (tenant_id, risk, next_deadline) where closed_at is null and risk <> 'none';
    create index cases_history on cases (tenant_id, closed_at desc) where closed_at is not null;
    create index cases_search on cases using gin (search);
    create index cases_repeat_of on cases (repeat_of) where repeat_of is not null;

    create table messages (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      case_id int references cases(id),
      relation text not null default 'original' check (relation in ('original', 'repeat', 'duplicate')),
      network text not null,
      external_id text,
      url text,
      author_name text,
      author_url text,
      author_external_id text,
      text text not null,
      attachments jsonb not null default '[]',
      likes int,
      reposts int,
      comments int,
      posted_at timestamptz,
      detected_at timestamptz not null,
      created_at timestamptz not null default now(),
      unique nulls distinct (tenant_id, network, external_id)
    );
    create index messages_case on messages (case_id);
    create index messages_author on messages (tenant_id, network, author_external_id, detected_at desc);

    create table case_stages (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      case_id int not null references cases(id),
      stage text not null,
      actor text,
      kind text not null,
      cycle int not null default 1,
      status text not null check (status in ('open', 'waiting', 'done', 'expired', 'cancelled')),
      started_at timestamptz not null,
      deadline timestamptz,
      bounded_by text,
      at_risk_at timestamptz,
      term text,
      clause text,
      overridden boolean not null default false,
      completed_at timestamptz,
      at_risk_notified_at timestamptz,
      overdue_notified_at timestamptz,
      unique (case_id, stage, cycle)
    );
    create index case_stages_case on case_stages (case_id);
    -- The scheduler's work lists: stages whose moment to warn has come and not been acted on.
    create index case_stages_due_risk on case_stages (at_risk_at) where status = 'open' and at_risk_notified_at is null and at_risk_at is not null;
    create index case_stages_due_overdue on case_stages (deadline) where status = 'open' and overdue_notified_at is null and deadline is not null;

    create table drafts (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      case_id int not null references cases(id),
      kind text not null check (kind in ('final', 'interim', 'clarification')),
      version int not null,
      text text not null,
      attachments jsonb not null default '[]',
      checklist jsonb not null default '{}',
      status text not null check (status in ('editing', 'submitted', 'approved', 'returned', 'published', 'superseded')),
      remarks text,
      author_id int references users(id),
      reviewed_by int references users(id),
      created_at timestamptz not null default now(),
      submitted_at timestamptz,
      reviewed_at timestamptz,
      unique (case_id, version)
    );

    create table publications (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      case_id int not null references cases(id),
      draft_id int not null references drafts(id),
      network text not null,
      account_id int references network_accounts(id),
      url text,
      state text not null check (state in ('pending', 'published', 'failed', 'confirmed')),
      error text,
      published_by int references users(id),
      published_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index publications_case on publications (case_id);

    create table extension_requests (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      case_id int not null references cases(id),
      days int not null,
      comment text not null,
      requested_by int not null references users(id),
      requested_at timestamptz not null,
      decision text check (decision in ('approved', 'rejected')),
      decided_by int references users(id),
      decided_at timestamptz
    );
    create index extension_requests_case on extension_requests (case_id);

    create table notes (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      case_id int not null references cases(id),
      kind text not null,
      text text not null,
      author_id int references users(id),
      created_at timestamptz not null default now()
    );
    create index notes_case on notes (case_id);

    create table notifications (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      user_id int not null references users(id),
      case_id int references cases(id),
      stage_id int references case_stages(id),
      kind text not null,
      payload jsonb not null default '{}',
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    -- At most one warning of a kind per stage per person, however many schedulers run.
    create unique index notifications_once on notifications (stage_id, kind, user_id) where stage_id is not null;
    create index notifications_user on notifications (user_id, created_at desc);

    -- Messages for the world outside (e-mail, Telegram, publications), written in the same
    -- transaction as the change that causes them and sent after the commit.
    create table outbox (
      id int generated always as identity primary key,
      tenant_id int not null references tenants(id),
      kind text not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz,
      error text
    );
    create index outbox_pending on outbox (next_attempt_at) where sent_at is null;

    create table audit_log (
      id bigint generated always as identity primary key,
      tenant_id int references tenants(id),
      case_id int references cases(id),
      actor_id int references users(id),
      action text not null,
      at timestamptz not null,
      before jsonb,
      after jsonb,
      request_id text
    );
    create index audit_case on audit_log (case_id, id) where case_id is not null;
    create index audit_tenant on audit_log (tenant_id, at desc);

    -- The audit log is append-only.
    create function audit_log_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$;
    create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_immutable();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists audit_log, outbox, notifications, notes, extension_requests, publications, drafts,
      case_stages, messages, cases, case_counters, network_accounts, login_attempts, sessions, absences,
      memberships, users, departments, calendar_years, tenants cascade;
    drop function if exists audit_log_immutable;
  `.execute(db);
}
