// What the workflow says to people: names of actions and statuses, in Russian and English.
import type { Locale } from "../i18n.ts";
import type { CaseStatus } from "./case.ts";
import type { Action, TenantAction } from "./policy.ts";

const ACTION_NAMES: Record<Action | TenantAction, Record<Locale, string>> = {
  triage: { ru: "уточнить тему и важность", en: "triage" },
  assign: { ru: "назначить исполнителя", en: "assign" },
  accept: { ru: "принять в работу", en: "accept" },
  return: { ru: "вернуть как не относящееся к компетенции", en: "return as not competent" },
  saveDraft: { ru: "сохранить проект ответа", en: "save the draft" },
  submitDraft: { ru: "направить проект на согласование", en: "submit the draft" },
  approve: { ru: "согласовать", en: "approve" },
  requestRevision: { ru: "вернуть на доработку", en: "return for revision" },
  handOver: { ru: "передать ответ для размещения", en: "hand over for publication" },
  publish: { ru: "разместить ответ", en: "publish" },
  markNotProcessable: { ru: "признать не подлежащим обработке", en: "mark not processable" },
  markDuplicate: {
    ru: "присоединить к карточке о той же проблеме",
    en: "join the case about the same problem",
  },
  linkRepeat: { ru: "связать с повторным сообщением", en: "link a repeat" },
  setAdditionalControl: {
    ru: "поставить на дополнительный контроль",
    en: "set additional control",
  },
  reportMeasures: { ru: "доложить о принятых мерах", en: "report measures" },
  resolve: { ru: "снять с контроля", en: "resolve" },
  requestPart: { ru: "запросить часть ответа у соисполнителя", en: "request a part" },
  submitPart: { ru: "направить часть ответа", en: "submit a part" },
  designateLead: { ru: "назначить ответственного исполнителя", en: "designate the lead" },
  shortenTerm: { ru: "сократить срок", en: "shorten the term" },
  requestExtension: { ru: "запросить продление срока", en: "request an extension" },
  decideExtension: { ru: "решить о продлении срока", en: "decide on an extension" },
  escalate: { ru: "доложить Главе", en: "escalate" },
  registerCase: { ru: "зарегистрировать сообщение", en: "register a message" },
  manageDepartments: { ru: "изменять подразделения", en: "manage departments" },
  manageUsers: { ru: "изменять пользователей и их роли", en: "manage users and roles" },
  manageAbsences: { ru: "вносить отсутствия и замещения", en: "manage absences" },
  manageAccounts: { ru: "изменять аккаунты в соцсетях", en: "manage network accounts" },
  editRegulation: { ru: "изменять регламент", en: "edit the regulation" },
  loadCalendar: { ru: "загружать производственный календарь", en: "load calendar years" },
  editRubricator: { ru: "изменять классификатор тем", en: "edit the rubricator" },
  editGazetteer: { ru: "изменять справочник мест", en: "edit the gazetteer" },
  viewReports: { ru: "смотреть сводку по администрации", en: "view the tenant's overview" },
};

const STATUS_NAMES: Record<CaseStatus, Record<Locale, string>> = {
  new: { ru: "новое", en: "new" },
  returned: { ru: "возвращено исполнителем", en: "returned" },
  assigned: { ru: "назначено", en: "assigned" },
  inProgress: { ru: "в работе", en: "in progress" },
  onApproval: { ru: "на согласовании", en: "on approval" },
  revision: { ru: "на доработке", en: "revision" },
  approved: { ru: "согласовано", en: "approved" },
  readyToPublish: { ru: "готово к размещению", en: "ready to publish" },
  interim: { ru: "дан промежуточный ответ", en: "interim answer given" },
  rework: { ru: "автор не согласен с ответом", en: "rejected by the author" },
  additionalControl: { ru: "на дополнительном контроле", en: "additional control" },
  answered: { ru: "ответ размещён", en: "answered" },
  notProcessable: { ru: "не подлежит обработке", en: "not processable" },
  duplicate: { ru: "присоединено к другой карточке", en: "joined another case" },
};

export const actionName = (a: Action | TenantAction, locale: Locale): string =>
  ACTION_NAMES[a][locale];
export const statusName = (s: CaseStatus, locale: Locale): string => STATUS_NAMES[s][locale];
