// Routing one or several cases to a department and, optionally, a person. Shows who is away now
// and who substitutes, so the assignment reaches someone who is at work.
import { useEffect, useMemo, useState } from "react";
import { act, api, ms } from "../api/client.ts";
import type { Absence, Department, UserView } from "../api/types.ts";
import { useI18n, useTexts } from "../i18n.tsx";
import { problemText } from "../resource.ts";
import { useSession } from "../session.tsx";
import { formatAt } from "../time.ts";
import { useTopics } from "../topics.ts";
import { offeredDepartments } from "../departments.ts";
import { Dialog } from "./Dialog.tsx";
import { useToast } from "./Toasts.tsx";

export interface RoutableCase {
  id: number;
  number: string;
  version: number;
  topic?: string | null;
  settlement?: string | null;
}

const TEXTS = {
  ru: {
    ofTopic: (topic: string) => `Ведают темой «${topic}»`,
    ofPlace: (settlement: string) => `Обслуживают: ${settlement}`,
    ofTopicAndPlace: (topic: string, settlement: string) => `${settlement}, тема «${topic}»`,
    others: "Остальные",
  },
  en: {
    ofTopic: (topic: string) => `In charge of “${topic}”`,
    ofPlace: (settlement: string) => `Serving ${settlement}`,
    ofTopicAndPlace: (topic: string, settlement: string) => `${settlement}, topic “${topic}”`,
    others: "Others",
  },
};

/** A list answer may come bare or wrapped in { items }. */
export function listOf<T>(d: unknown): T[] {
  if (Array.isArray(d)) return d as T[];
  const items = (d as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

export function RouteDialog({
  cases,
  onClose,
  onDone,
}: {
  cases: RoutableCase[];
  onClose(): void;
  onDone(): void;
}) {
  const { t, locale } = useI18n();
  const x = useTexts(TEXTS);
  const topics = useTopics();
  const { me } = useSession();
  const toast = useToast();
  const [departments, setDepartments] = useState<Department[]>([]);
  const [users, setUsers] = useState<UserView[]>([]);
  const [absences, setAbsences] = useState<Absence[]>([]);
  const [departmentId, setDepartmentId] = useState<number | "">("");
  const [userId, setUserId] = useState<number | "">("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();

  // The cases to route are fixed while the dialog is open: read once.
  useEffect(() => {
    void api.get<unknown>("/departments").then((d) => {
      const open = listOf<Department>(d).filter((x) => x.active !== false);
      setDepartments(open);
      // The one department offered first (in charge of the topic, serving the place) is chosen
      // already; the curator confirms it.
      const { first } = offeredDepartments(open, cases);
      if (first.length === 1) setDepartmentId((chosen) => (chosen === "" ? first[0]!.id : chosen));
    });
    void api.get<unknown>("/users").then(
      (d) => setUsers(listOf<UserView>(d)),
      () => setUsers([]),
    );
    void api.get<unknown>("/absences", { current: true }).then(
      (d) => setAbsences(listOf<Absence>(d)),
      () => setAbsences([]),
    );
  }, []);
  const groups = offeredDepartments(departments, cases);
  const topicName = (code: string) => topics.find((tp) => tp.code === code)?.name ?? code;
  const firstLabel =
    groups.settlement === null
      ? groups.topic === null
        ? ""
        : x.ofTopic(topicName(groups.topic))
      : groups.topic === null
        ? x.ofPlace(groups.settlement)
        : x.ofTopicAndPlace(topicName(groups.topic), groups.settlement);
  const option = (d: Department) => (
    <option key={d.id} value={d.id}>
      {d.name}
    </option>
  );

  const executors = useMemo(
    () =>
      users.filter((u) =>
        u.roles.some(
          (r) => r.role === "executor" && departmentId !== "" && r.department?.id === departmentId,
        ),
      ),
    [users, departmentId],
  );
  const absenceOf = (id: number) =>
    absences.find(
      (a) => a.user?.id === id && (ms(a.startsAt) ?? 0) <= now && (ms(a.endsAt) ?? 0) > now,
    );
  const nameOf = (id: number | null | undefined) =>
    users.find((u) => u.id === id)?.fullName ?? null;
  const chosenAbsence = userId === "" ? undefined : absenceOf(userId);
  const reaches =
    userId === ""
      ? null
      : chosenAbsence
        ? (chosenAbsence.substitute?.name ?? null)
        : nameOf(userId);

  const submit = async () => {
    if (departmentId === "") return;
    setBusy(true);
    setError(null);
    let ok = 0;
    const failures: string[] = [];
    for (const c of cases) {
      try {
        await act(
          c.id,
          "assign",
          { departmentId, userId: userId === "" ? null : userId },
          c.version,
        );
        ok++;
      } catch (e) {
        failures.push(`№ ${c.number}: ${problemText(e, t)}`);
      }
    }
    setBusy(false);
    if (failures.length && !ok) {
      setError(failures.join("\n"));
      return;
    }
    toast(t.routedMany(ok, failures.length), failures.length ? "error" : "info");
    onDone();
  };

  return (
    <Dialog
      title={
        cases.length === 1
          ? `${t.routeTitle}: № ${cases[0]?.number}`
          : t.routeTitleMany(cases.length)
      }
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t.routeButton}
      busy={busy || departmentId === ""}
      error={error}
    >
      <label>
        {t.chooseDepartment}
        <select
          required
          value={departmentId}
          onChange={(e) => {
            setDepartmentId(e.target.value ? Number(e.target.value) : "");
            setUserId("");
          }}
        >
          <option value="">—</option>
          {groups.first.length > 0 ? (
            <>
              <optgroup label={firstLabel}>{groups.first.map(option)}</optgroup>
              {groups.others.length > 0 && (
                <optgroup label={x.others}>{groups.others.map(option)}</optgroup>
              )}
            </>
          ) : (
            departments.map(option)
          )}
        </select>
      </label>
      <label>
        {t.choosePerson}
        <select
          value={userId}
          disabled={departmentId === ""}
          onChange={(e) => setUserId(e.target.value ? Number(e.target.value) : "")}
        >
          <option value="">{t.anyoneInDepartment}</option>
          {executors.map((u) => {
            const away = absenceOf(u.id);
            const sub = away?.substitute?.name ?? null;
            return (
              <option key={u.id} value={u.id}>
                {away
                  ? t.absentPerson(
                      u.fullName,
                      formatAt(ms(away.endsAt) ?? 0, me?.tenant.timeZone, locale),
                    ) + (sub ? t.substitutedBy(sub) : "")
                  : u.fullName}
              </option>
            );
          })}
        </select>
      </label>
      {reaches && <p className="hint">{t.routeWillReach(reaches)}</p>}
    </Dialog>
  );
}
