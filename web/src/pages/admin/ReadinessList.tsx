// What stands between the administration and work by its regulation, blockers first, each with
// a link to the section that mends it: the admin's first page.
import { api } from "../../api/client.ts";
import type { Readiness, ReadinessFindingView } from "../../api/types.ts";
import { useI18n, useTexts, type Locale } from "../../i18n.tsx";
import { useResource } from "../../resource.ts";
import { Link } from "../../router.tsx";
import { actionName } from "../../../../src/domain/workflow/messages.ts";
import { ErrorLine } from "./ErrorLine.tsx";

type Role = NonNullable<ReadinessFindingView["role"]>;

const TEXTS = {
  ru: {
    ready: "Всё, что нужно для работы по регламенту, есть.",
    notReady: "Работать по регламенту пока нельзя: исправьте отмеченное «нужно».",
    nothing: "Замечаний нет.",
    blocker: "нужно",
    warning: "стоит проверить",
    mend: "Исправить",
    finding: (f: ReadinessFindingView, role: (r: Role) => string, locale: Locale): string => {
      switch (f.kind) {
        case "roleNotHeld":
          return (
            `Нет ни одного активного пользователя с ролью «${role(f.role!)}». По регламенту он: ` +
            `${(f.actions ?? []).map((a) => actionName(a, locale)).join(", ")}.`
          );
        case "noDepartments":
          return "Нет ни одного подразделения: сообщения некуда направить.";
        case "departmentWithoutExecutors":
          return `В подразделении «${f.name}» нет исполнителей: направленное туда некому принять.`;
        case "departmentAway":
          return `Все исполнители подразделения «${f.name}» сейчас отсутствуют, и замещающих на месте нет.`;
        case "topicsWithoutDepartment":
          return `Темы, за которые не отвечает ни одно подразделение (при направлении будут предложены все): ${(f.topics ?? []).join(", ")}.`;
        case "unitWithoutSettlements":
          return `У «${f.name}» не указаны населённые пункты: сообщения оттуда не предложат ему первым.`;
        case "noGazetteer":
          return "Справочника мест нет: место сообщения не будет подсказано.";
        case "calendarNotLoaded":
          return `Производственный календарь на ${(f.years ?? []).join(", ")} год не загружен: сроки считаются по Трудовому кодексу, без переносов выходных.`;
        case "noAccounts":
          return "Аккаунтов в соцсетях нет: ответы размещают вручную и подтверждают ссылкой.";
      }
    },
  },
  en: {
    ready: "Everything work by the regulation needs is in place.",
    notReady: "Work by the regulation cannot start yet: mend what is marked “needed”.",
    nothing: "Nothing to note.",
    blocker: "needed",
    warning: "worth checking",
    mend: "Mend",
    finding: (f: ReadinessFindingView, role: (r: Role) => string, locale: Locale): string => {
      switch (f.kind) {
        case "roleNotHeld":
          return (
            `No active person holds the role “${role(f.role!)}”. The regulation gives it: ` +
            `${(f.actions ?? []).map((a) => actionName(a, locale)).join(", ")}.`
          );
        case "noDepartments":
          return "No departments: messages have nowhere to go.";
        case "departmentWithoutExecutors":
          return `“${f.name}” has no executors: nobody can accept what is routed there.`;
        case "departmentAway":
          return `Every executor of “${f.name}” is away now, with no substitute at work.`;
        case "topicsWithoutDepartment":
          return `Topics no department is in charge of (routing will offer every department): ${(f.topics ?? []).join(", ")}.`;
        case "unitWithoutSettlements":
          return `“${f.name}” names no settlements: messages from there will not offer it first.`;
        case "noGazetteer":
          return "No gazetteer: a message's place will not be suggested.";
        case "calendarNotLoaded":
          return `The production calendar for ${(f.years ?? []).join(", ")} is not loaded: terms are counted by the Labour Code alone, without moved days off.`;
        case "noAccounts":
          return "No accounts in the networks: answers are posted by hand and confirmed with their link.";
      }
    },
  },
};

export function ReadinessList({ sectionName }: { sectionName: (s: string) => string }) {
  const { t, locale, role } = useI18n();
  const x = useTexts(TEXTS);
  const res = useResource(() => api.get<Readiness>("/tenant/readiness"), []);
  if (!res.data)
    return res.error ? (
      <ErrorLine error={res.error} />
    ) : (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );
  const { ready, findings } = res.data;
  return (
    <>
      <p className={ready ? "ok" : "error"} data-testid="readiness-state">
        {ready ? x.ready : x.notReady}
      </p>
      {findings.length === 0 ? (
        <p className="muted">{x.nothing}</p>
      ) : (
        <ul className="readiness" data-testid="readiness">
          {findings.map((f, i) => (
            <li key={i} className={f.level}>
              <strong>{f.level === "blocker" ? x.blocker : x.warning}</strong>
              {": "}
              {x.finding(f, role, locale)}{" "}
              <Link href={`/admin/${f.section}`}>
                {x.mend}: {sectionName(f.section)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
