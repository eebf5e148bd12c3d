// Local accounts: argon2id password hashes, memberships in tenants.
import { hash, verify } from "@node-rs/argon2";
import type { Role } from "../domain/workflow/policy.ts";
import { appendAudit } from "../db/audit.ts";
import type { Tx } from "../db/cases.ts";
import { invalidInput, type Result } from "./results.ts";

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export interface NewUser {
  login: string;
  password?: string;
  /** Already hashed (tests and seeds reuse one hash). */
  passwordHash?: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  locale?: "ru" | "en";
}

export async function createUser(
  tx: Tx,
  input: NewUser,
  actorId: number | null,
  now: number,
): Promise<Result<{ id: number }>> {
  const login = input.login.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(login)) return invalidInput("login", "badFormat");
  if (!input.passwordHash && (!input.password || input.password.length < 10))
    return invalidInput("password", "tooShort");
  const taken = await tx
    .selectFrom("users")
    .select("id")
    .where("login", "=", login)
    .executeTakeFirst();
  if (taken) return invalidInput("login", "taken");
  const { id } = await tx
    .insertInto("users")
    .values({
      login,
      password_hash: input.passwordHash ?? (await hashPassword(input.password as string)),
      full_name: input.fullName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      locale: input.locale ?? "ru",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    tenantId: null,
    caseId: null,
    actorId,
    action: "createUser",
    at: now,
    before: null,
    after: { id, login },
    requestId: null,
  });
  return { ok: true, id };
}

export async function addMembership(
  tx: Tx,
  tenantId: number,
  userId: number,
  role: Role,
  departmentId: number | null,
  actorId: number | null,
  now: number,
): Promise<void> {
  await tx
    .insertInto("memberships")
    .values({
      tenant_id: tenantId,
      user_id: userId,
      role,
      department_id: role === "executor" ? departmentId : null,
    })
    .execute();
  await appendAudit(tx, {
    tenantId,
    caseId: null,
    actorId,
    action: "addMembership",
    at: now,
    before: null,
    after: { userId, role, departmentId },
    requestId: null,
  });
}
