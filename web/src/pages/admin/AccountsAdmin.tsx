// The tenant's accounts in the networks, from which answers are published: add one, rename it,
// bind it to a department, switch it off.
import { useState, type FormEvent } from "react";
import { api } from "../../api/client.ts";
import type { Channel, Department, NetworkAccount } from "../../api/types.ts";
import { listOf } from "../../components/RouteDialog.tsx";
import { useToast } from "../../components/Toasts.tsx";
import { CHANNEL_LIST, useI18n, useTexts } from "../../i18n.tsx";
import { useResource } from "../../resource.ts";
import { webHref } from "../../text-links.ts";
import { ErrorLine } from "./ErrorLine.tsx";

const TEXTS = {
  ru: {
    newAccount: "Новый аккаунт",
    link: "Ссылка на страницу",
    department: "Подразделение",
    wholeTenant: "— вся администрация —",
    active: "Действует",
    off: "отключён",
    disable: "Отключить",
    enable: "Включить",
    rename: (name: string) => `Новое название для «${name}»`,
  },
  en: {
    newAccount: "New account",
    link: "Page link",
    department: "Department",
    wholeTenant: "— the whole tenant —",
    active: "Active",
    off: "switched off",
    disable: "Switch off",
    enable: "Switch on",
    rename: (name: string) => `New name for “${name}”`,
  },
};

export function AccountsAdmin() {
  const { t, channel } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const res = useResource(() => api.get<NetworkAccount[]>("/accounts"), []);
  const departments = useResource(() => api.get<Department[]>("/departments"), []);
  const depts = listOf<Department>(departments.data);
  const [form, setForm] = useState({
    network: "vk" as Channel,
    name: "",
    url: "",
    departmentId: "",
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      toast(t.saved);
      res.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.post("/accounts", {
        network: form.network,
        name: form.name.trim(),
        url: form.url.trim() || null,
        departmentId: form.departmentId ? Number(form.departmentId) : null,
      });
      setForm((f) => ({ ...f, name: "", url: "" }));
    });
  };

  return (
    <>
      <ErrorLine error={res.error ?? error} />
      <table className="table" data-testid="accounts">
        <thead>
          <tr>
            <th scope="col">{t.network}</th>
            <th scope="col">{t.name}</th>
            <th scope="col">{x.department}</th>
            <th scope="col">{x.active}</th>
          </tr>
        </thead>
        <tbody>
          {listOf<NetworkAccount>(res.data).map((a) => {
            const href = webHref(a.url);
            return (
              <tr key={a.id} className={a.active ? undefined : "muted"}>
                <td>{channel(a.network)}</td>
                <td>
                  <input
                    aria-label={x.rename(a.name)}
                    defaultValue={a.name}
                    disabled={busy}
                    onBlur={(e) => {
                      const name = e.target.value.trim();
                      if (name && name !== a.name)
                        void run(() => api.patch(`/accounts/${a.id}`, { name }));
                    }}
                  />
                  {href && (
                    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                      {" "}
                      ↗
                    </a>
                  )}
                </td>
                <td>
                  <select
                    aria-label={`${x.department}: ${a.name}`}
                    value={a.departmentId ?? ""}
                    disabled={busy}
                    onChange={(e) =>
                      void run(() =>
                        api.patch(`/accounts/${a.id}`, {
                          departmentId: e.target.value ? Number(e.target.value) : null,
                        }),
                      )
                    }
                  >
                    <option value="">{x.wholeTenant}</option>
                    {depts.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {a.active ? t.yes : x.off}{" "}
                  <button
                    type="button"
                    className="small-button"
                    disabled={busy}
                    onClick={() =>
                      void run(() => api.patch(`/accounts/${a.id}`, { active: !a.active }))
                    }
                  >
                    {a.active ? x.disable : x.enable}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>{x.newAccount}</h3>
      <form onSubmit={add} className="inline wrap" aria-label={x.newAccount}>
        <label>
          {t.network}
          <select
            value={form.network}
            onChange={(e) => setForm((f) => ({ ...f, network: e.target.value as Channel }))}
          >
            {CHANNEL_LIST.map((c) => (
              <option key={c} value={c}>
                {channel(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.name}
          <input
            required
            value={form.name}
            onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          />
        </label>
        <label>
          {x.link}
          <input
            type="url"
            placeholder="https://vk.com/…"
            value={form.url}
            onChange={(e) => setForm((f) => ({ ...f, url: e.target.value }))}
          />
        </label>
        <label>
          {x.department}
          <select
            value={form.departmentId}
            onChange={(e) => setForm((f) => ({ ...f, departmentId: e.target.value }))}
          >
            <option value="">{x.wholeTenant}</option>
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t.add}
        </button>
      </form>
    </>
  );
}
