// The database as Kysely sees it: one interface per table. Mirrors the migrations.
import type {
  ColumnType,
  Generated,
  Insertable,
  JSONColumnType,
  Selectable,
  Updateable,
} from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** A JSON column with a default: optional on insert. */
type JsonD<T extends object> = ColumnType<T, string | undefined, string>;

export interface TenantsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  preset: string | null;
  regulation: string;
  time_zone: string;
  schedule: Json<Record<string, unknown>>;
  calendar_amendments: JsonD<unknown[]>;
  case_number_prefix: string;
  rubricator: Json<object>;
  gazetteer: JsonD<object>;
  settings: JsonD<{ riskShare?: number }>;
  created_at: CreatedAt;
  /** Raised by the database on every change of the row (trigger tenants_revision). */
  revision: Generated<number>;
}

export interface CalendarYearsTable {
  id: Generated<number>;
  tenant_id: number | null;
  year: number;
  data: Json<object>;
  loaded_by: number | null;
  loaded_at: CreatedAt;
}

export interface DepartmentsTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  kind: ColumnType<
    "structural" | "territorial" | "settlement" | "coordination",
    string | undefined,
    string
  >;
  parent_id: number | null;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  /** Names of the gazetteer's settlements a territorial unit serves; empty for the whole territory. */
  settlements: ColumnType<string[], string[] | undefined, string[]>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface UsersTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  locale: ColumnType<"ru" | "en", "ru" | "en" | undefined, "ru" | "en">;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  id: Generated<number>;
  tenant_id: number;
  user_id: number;
  role: "curator" | "executor" | "approver" | "supervisor" | "admin";
  department_id: number | null;
}

export interface AbsencesTable {
  id: Generated<number>;
  tenant_id: number;
  user_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: ColumnType<string, string | undefined, string>;
  substitute_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  tenant_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  user_agent: string | null;
  ip: string | null;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface NetworkAccountsTable {
  id: Generated<number>;
  tenant_id: number;
  network: string;
  name: string;
  external_id: string | null;
  url: string | null;
  department_id: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CaseCountersTable {
  tenant_id: number;
  year: number;
  last: number;
}

export interface CasesTable {
  id: Generated<number>;
  tenant_id: number;
  number: string;
  procedure: string;
  channel: string;
  status: string;
  importance: ColumnType<string, string | undefined, string>;
  topic: string | null;
  location: Json<object> | null;
  location_text: string | null;
  summary: string;
  department_id: number | null;
  executor_id: number | null;
  co_executors: JsonD<unknown[]>;
  repeat_of: number | null;
  duplicate_of: number | null;
  /** Triage found the same author's earlier case / another author's case about the same problem and place: waits for a curator. */
  suggested_repeat_of: ColumnType<number | null, number | null | undefined, number | null>;
  suggested_duplicate_of: ColumnType<number | null, number | null | undefined, number | null>;
  additional_control: ColumnType<boolean, boolean | undefined, boolean>;
  not_processable: string | null;
  /** Triage took the message for not processable: set aside until a curator decides. */
  not_processable_suggested: ColumnType<
    "obscene" | "threat" | "insult" | null,
    "obscene" | "threat" | "insult" | null | undefined,
    "obscene" | "threat" | "insult" | null
  >;
  escalated_at: Timestamp | null;
  events: JsonD<Record<string, string>>;
  overrides: JsonD<Record<string, unknown>>;
  extensions_used: ColumnType<number, number | undefined, number>;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  next_deadline: Timestamp | null;
  risk: ColumnType<
    "none" | "atRisk" | "overdue",
    "none" | "atRisk" | "overdue" | undefined,
    "none" | "atRisk" | "overdue"
  >;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  search: ColumnType<string, never, never>;
}

export interface MessagesTable {
  id: Generated<number>;
  tenant_id: number;
  case_id: number | null;
  relation: ColumnType<"original" | "repeat" | "duplicate", string | undefined, string>;
  network: string;
  external_id: string | null;
  url: string | null;
  author_name: string | null;
  author_url: string | null;
  author_external_id: string | null;
  text: string;
  attachments: JsonD<unknown[]>;
  /** The triage suggestion made at registration (app/triage-suggestion.ts). */
  triage: ColumnType<object | null, string | null | undefined, string | null>;
  /** The suggested (or the curator's) topic and the gazetteer's names of the place: keys of duplicates and bursts. */
  triage_topic: ColumnType<string | null, string | null | undefined, string | null>;
  triage_settlement: ColumnType<string | null, string | null | undefined, string | null>;
  triage_street: ColumnType<string | null, string | null | undefined, string | null>;
  likes: number | null;
  reposts: number | null;
  comments: number | null;
  posted_at: Timestamp | null;
  detected_at: Timestamp;
  created_at: CreatedAt;
}

export interface CaseStagesTable {
  id: Generated<number>;
  tenant_id: number;
  case_id: number;
  stage: string;
  actor: string | null;
  kind: string;
  cycle: ColumnType<number, number | undefined, number>;
  status: "open" | "waiting" | "done" | "expired" | "cancelled";
  started_at: Timestamp;
  deadline: Timestamp | null;
  bounded_by: string | null;
  at_risk_at: Timestamp | null;
  term: string | null;
  clause: string | null;
  overridden: ColumnType<boolean, boolean | undefined, boolean>;
  completed_at: Timestamp | null;
  at_risk_notified_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  overdue_notified_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
}

export interface DraftsTable {
  id: Generated<number>;
  tenant_id: number;
  case_id: number;
  kind: "final" | "interim" | "clarification";
  version: number;
  text: string;
  attachments: JsonD<unknown[]>;
  checklist: JsonD<Record<string, unknown>>;
  status: "editing" | "submitted" | "approved" | "returned" | "published" | "superseded";
  remarks: string | null;
  author_id: number | null;
  reviewed_by: number | null;
  created_at: CreatedAt;
  submitted_at: Timestamp | null;
  reviewed_at: Timestamp | null;
}

export interface PublicationsTable {
  id: Generated<number>;
  tenant_id: number;
  case_id: number;
  draft_id: number;
  network: string;
  account_id: number | null;
  url: string | null;
  state: "pending" | "published" | "failed" | "confirmed";
  error: string | null;
  published_by: number | null;
  published_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ExtensionRequestsTable {
  id: Generated<number>;
  tenant_id: number;
  case_id: number;
  days: number;
  comment: string;
  requested_by: number;
  requested_at: Timestamp;
  decision: "approved" | "rejected" | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface NotesTable {
  id: Generated<number>;
  tenant_id: number;
  case_id: number;
  kind: string;
  text: string;
  author_id: number | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  tenant_id: number;
  user_id: number;
  case_id: number | null;
  stage_id: number | null;
  kind: string;
  payload: JsonD<Record<string, unknown>>;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<number>;
  tenant_id: number;
  kind: string;
  payload: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: Timestamp | null;
  error: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: number | null;
  case_id: number | null;
  actor_id: number | null;
  action: string;
  at: Timestamp;
  before: Json<Record<string, unknown>> | null;
  after: Json<Record<string, unknown>> | null;
  request_id: string | null;
}

export interface AttachmentsTable {
  id: Generated<string>;
  tenant_id: number;
  kind: "photo" | "document";
  content_type: "image/jpeg" | "image/png" | "image/webp" | "application/pdf";
  name: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  removed: JsonD<string[]>;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

export interface TriageCorrectionsTable {
  id: Generated<number>;
  tenant_id: number;
  message_id: number;
  case_id: number;
  field: "topic" | "location" | "importance" | "notProcessable" | "repeat" | "duplicate";
  suggested: ColumnType<unknown, string | null, string | null>;
  chosen: ColumnType<unknown, string | null, string | null>;
  by_user: number;
  at: Timestamp;
}

export interface BurstsTable {
  id: Generated<number>;
  tenant_id: number;
  topic: string;
  settlement: string;
  started_at: Timestamp;
  window_hours: number;
  message_count: number;
  expected: number;
  baseline_mean: number;
  baseline_sd: number;
  baseline_days: number;
  p_value: number;
  text: string;
  raised_at: Timestamp;
  last_seen_at: Timestamp;
  notified: JsonD<number[]>;
}

export interface TenantTopicModelsTable {
  tenant_id: number;
  version: number;
  /** The shipped model's fingerprint the tenant's model was retrained from. */
  base: string;
  model: Json<object>;
  corrections: number;
  last_correction_id: number;
  trained_at: Timestamp;
}

/** The first filling of an empty database: one row while it runs and after (cli/database.ts). */
export interface FirstFillTable {
  one: ColumnType<boolean, boolean | undefined, never>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface DB {
  first_fill: FirstFillTable;
  tenants: TenantsTable;
  calendar_years: CalendarYearsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  absences: AbsencesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  network_accounts: NetworkAccountsTable;
  case_counters: CaseCountersTable;
  cases: CasesTable;
  messages: MessagesTable;
  case_stages: CaseStagesTable;
  drafts: DraftsTable;
  publications: PublicationsTable;
  extension_requests: ExtensionRequestsTable;
  notes: NotesTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  attachments: AttachmentsTable;
  triage_corrections: TriageCorrectionsTable;
  bursts: BurstsTable;
  tenant_topic_models: TenantTopicModelsTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;
