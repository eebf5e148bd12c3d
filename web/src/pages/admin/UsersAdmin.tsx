// Users of the tenant: create one with a generated password shown once, give and take roles (an
// executor's role names the department), reset a password, switch a person off.
import { useState, type FormEvent } from "react";
import { api } from "../../api/client.ts";
import type { Department, Role, UserView } from "../../api/types.ts";
import { ROLES } from "../../../../src/domain/workflow/policy.ts";
import { leftWithNobody } from "../../../../src/domain/workflow/readiness.ts";
import { actionName } from "../../../../src/domain/workflow/messages.ts";
import { Dialog } from "../../components/Dialog.tsx";
import { listOf } from "../../components/RouteDialog.tsx";
import { useToast } from "../../components/Toasts.tsx";
import { useI18n, useTexts } from "../../i18n.tsx";
import { useRegulation } from "../../regulation.ts";
import { useResource } from "../../resource.ts";
import { ErrorLine } from "./ErrorLine.tsx";

const TEXTS = {
  ru: {
    newUser: "Новый пользователь",
    email: "Эл. почта",
    role: "Роль",
    department: "Подразделение",
    noDepartment: "— вся администрация —",
    create: "Создать",
    addRole: "Дать роль",
    removeRole: (role: string, user: string) => `Снять роль «${role}» с ${user}`,
    passwordTitle: "Пароль создан",
    passwordOnce: (login: string) =>
      `Пароль пользователя ${login}. Он показывается один раз: передайте его лично, после входа его можно сменить.`,
    copy: "Скопировать",
    copied: "Скопировано",
    resetPassword: "Новый пароль",
    disable: "Отключить",
    enable: "Включить",
    disabled: "отключён",
    executorNeedsDepartment: "Исполнителю нужно подразделение",
    roleFor: (user: string) => `Роль для ${user}`,
    departmentFor: (user: string) => `Подразделение для ${user}`,
    confirmTitle: "Работу по регламенту некому будет делать",
    roleLeft: (role: string, work: string) =>
      `Ни у кого не останется роли «${role}», а по регламенту он: ${work}.`,
    departmentLeft: (name: string) =>
      `В подразделении «${name}» не останется исполнителей: направленное туда некому будет принять.`,
    disableAnyway: "Всё равно отключить",
    removeAnyway: "Всё равно снять",
  },
  en: {
    newUser: "New user",
    email: "E-mail",
    role: "Role",
    department: "Department",
    noDepartment: "— the whole tenant —",
    create: "Create",
    addRole: "Give role",
    removeRole: (role: string, user: string) => `Take role “${role}” from ${user}`,
    passwordTitle: "Password created",
    passwordOnce: (login: string) =>
      `The password of ${login}. It is shown once: hand it over in person; it can be changed after signing in.`,
    copy: "Copy",
    copied: "Copied",
    resetPassword: "New password",
    disable: "Switch off",
    enable: "Switch on",
    disabled: "switched off",
    executorNeedsDepartment: "An executor needs a department",
    roleFor: (user: string) => `Role for ${user}`,
    departmentFor: (user: string) => `Department for ${user}`,
    confirmTitle: "Work will be left with nobody to do it",
    roleLeft: (role: string, work: string) =>
      `Nobody will hold the role “${role}”, and the regulation gives it: ${work}.`,
    departmentLeft: (name: string) =>
      `“${name}” will have no executors: nobody will accept what is routed there.`,
    disableAnyway: "Switch off anyway",
    removeAnyway: "Take it anyway",
  },
};

// No look-alikes (0/O, 1/l/I): the password is read off a screen and typed by hand.
const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 16 random characters (about 94 bits), from the browser's cryptographic generator. */
export function generatePassword(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export function UsersAdmin() {
  const { t, role, locale } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const users = useResource(() => api.get<UserView[]>("/users"), []);
  const departments = useResource(() => api.get<Department[]>("/departments"), []);
  const depts = listOf<Department>(departments.data).filter((d) => d.active);
  const [form, setForm] = useState({
    login: "",
    fullName: "",
    email: "",
    role: "executor",
    departmentId: "",
  });
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = useRegulation();
  const [confirming, setConfirming] = useState<{
    lines: string[];
    label: string;
    go: () => void;
  } | null>(null);

  /** What a person switched off, or a role taken away, would leave with nobody, said. */
  const leftUncovered = (userId: number, membershipId?: number): string[] => {
    if (!loaded?.regulation) return [];
    const holdings = (skip: boolean) =>
      listOf<UserView>(users.data)
        .filter((u) => u.active !== false)
        .flatMap((u) =>
          u.roles
            .filter(
              (r) =>
                !(
                  skip &&
                  u.id === userId &&
                  (membershipId === undefined || r.membershipId === membershipId)
                ),
            )
            .flatMap((r) =>
              isRole(r.role) ? [{ role: r.role, departmentId: r.department?.id ?? null }] : [],
            ),
        );
    const left = leftWithNobody(
      loaded.regulation,
      holdings(false),
      holdings(true),
      new Set(depts.map((d) => d.id)),
    );
    return [
      ...left.roles.map((r) =>
        x.roleLeft(role(r.role), r.actions.map((a) => actionName(a, locale)).join(", ")),
      ),
      ...left.departments.map((id) => x.departmentLeft(depts.find((d) => d.id === id)!.name)),
    ];
  };

  /** Runs the change at once, or after the admin confirms what it leaves uncovered. */
  const guarded = (lines: string[], label: string, change: () => Promise<unknown>) => {
    const go = () => void run(async () => void (await change()));
    if (lines.length) setConfirming({ lines, label, go });
    else go();
  };

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      users.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (form.role === "executor" && !form.departmentId) {
      setError(x.executorNeedsDepartment);
      return;
    }
    void run(async () => {
      const password = generatePassword();
      await api.post("/users", {
        login: form.login.trim(),
        password,
        fullName: form.fullName.trim(),
        email: form.email.trim() || null,
        roles: [
          { role: form.role, departmentId: form.departmentId ? Number(form.departmentId) : null },
        ],
      });
      setShown({ login: form.login.trim(), password });
      setForm({ login: "", fullName: "", email: "", role: "executor", departmentId: "" });
    });
  };

  const resetPassword = (u: UserView) =>
    void run(async () => {
      const password = generatePassword();
      await api.patch(`/users/${u.id}`, { password });
      setShown({ login: u.login ?? u.fullName, password });
    });

  return (
    <>
      <ErrorLine error={users.error ?? error} />
      <table className="table" data-testid="users">
        <thead>
          <tr>
            <th scope="col">{t.fullName}</th>
            <th scope="col">{t.login}</th>
            <th scope="col">{t.roles}</th>
            <th scope="col">{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {listOf<UserView>(users.data).map((u) => (
            <tr key={u.id} className={u.active === false ? "muted" : undefined}>
              <td>
                {u.fullName}
                {u.active === false ? ` (${x.disabled})` : ""}
              </td>
              <td>{u.login}</td>
              <td>
                <ul className="plain">
                  {u.roles.map((r) => {
                    const name = isRole(r.role) ? role(r.role) : r.role;
                    const label = r.department ? `${name} (${r.department.name})` : name;
                    return (
                      <li key={r.membershipId}>
                        {label}{" "}
                        <button
                          type="button"
                          className="small-button"
                          aria-label={x.removeRole(label, u.fullName)}
                          disabled={busy}
                          onClick={() =>
                            guarded(
                              u.active === false ? [] : leftUncovered(u.id, r.membershipId),
                              x.removeAnyway,
                              () => api.delete(`/users/${u.id}/roles/${r.membershipId}`),
                            )
                          }
                        >
                          ✕
                        </button>
                      </li>
                    );
                  })}
                </ul>
                <RoleAdder
                  user={u}
                  departments={depts}
                  busy={busy}
                  onAdd={(body) => void run(() => api.post(`/users/${u.id}/roles`, body))}
                />
              </td>
              <td>
                <div className="buttons">
                  <button
                    type="button"
                    className="small-button"
                    disabled={busy}
                    onClick={() => resetPassword(u)}
                  >
                    {x.resetPassword}
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    disabled={busy}
                    onClick={() =>
                      guarded(u.active === false ? [] : leftUncovered(u.id), x.disableAnyway, () =>
                        api.patch(`/users/${u.id}`, { active: u.active === false }),
                      )
                    }
                  >
                    {u.active === false ? x.enable : x.disable}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{x.newUser}</h3>
      <form onSubmit={create} className="inline wrap" aria-label={x.newUser}>
        <label>
          {t.login}
          <input
            name="login"
            required
            pattern="[a-zA-Z0-9][a-zA-Z0-9._\-]{2,63}"
            value={form.login}
            onChange={(e) => setForm((f) => ({ ...f, login: e.target.value }))}
          />
        </label>
        <label>
          {t.fullName}
          <input
            name="fullName"
            required
            value={form.fullName}
            onChange={(e) => setForm((f) => ({ ...f, fullName: e.target.value }))}
          />
        </label>
        <label>
          {x.email}
          <input
            type="email"
            name="email"
            value={form.email}
            onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))}
          />
        </label>
        <label>
          {x.role}
          <select
            value={form.role}
            onChange={(e) => setForm((f) => ({ ...f, role: e.target.value }))}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {role(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {x.department}
          <select
            value={form.departmentId}
            onChange={(e) => setForm((f) => ({ ...f, departmentId: e.target.value }))}
          >
            <option value="">{x.noDepartment}</option>
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {x.create}
        </button>
      </form>

      {confirming && (
        <Dialog
          title={x.confirmTitle}
          onClose={() => setConfirming(null)}
          submitLabel={confirming.label}
          onSubmit={() => {
            setConfirming(null);
            confirming.go();
          }}
        >
          {confirming.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Dialog>
      )}
      {shown && (
        <Dialog title={x.passwordTitle} onClose={() => setShown(null)}>
          <p>{x.passwordOnce(shown.login)}</p>
          <p>
            <code className="password" data-testid="generated-password">
              {shown.password}
            </code>{" "}
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(shown.password).then(() => toast(x.copied))
              }
            >
              {x.copy}
            </button>
          </p>
        </Dialog>
      )}
    </>
  );
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

function RoleAdder({
  user,
  departments,
  busy,
  onAdd,
}: {
  user: UserView;
  departments: Department[];
  busy: boolean;
  onAdd(body: { role: string; departmentId: number | null }): void;
}) {
  const { role } = useI18n();
  const x = useTexts(TEXTS);
  const [value, setValue] = useState<string>("executor");
  const [department, setDepartment] = useState("");
  return (
    <span className="inline">
      <select
        aria-label={x.roleFor(user.fullName)}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {role(r)}
          </option>
        ))}
      </select>
      <select
        aria-label={x.departmentFor(user.fullName)}
        value={department}
        onChange={(e) => setDepartment(e.target.value)}
      >
        <option value="">{x.noDepartment}</option>
        {departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="small-button"
        disabled={busy || (value === "executor" && !department)}
        onClick={() => onAdd({ role: value, departmentId: department ? Number(department) : null })}
      >
        {x.addRole}
      </button>
    </span>
  );
}
